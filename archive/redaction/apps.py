from django.apps import AppConfig


class RedactionConfig(AppConfig):
    name = "archive.redaction"
    label = "redaction"
    verbose_name = "Redaction"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers  # noqa: F401 - connects the receivers
