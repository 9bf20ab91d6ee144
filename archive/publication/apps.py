from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "archive.publication"
    label = "publication"
    verbose_name = "Publication"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers  # noqa: F401 - connects the receivers
