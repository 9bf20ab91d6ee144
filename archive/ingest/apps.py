from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "archive.ingest"
    label = "ingest"
    verbose_name = "Interviews"

    def ready(self):
        from . import signal_handlers  # noqa: F401
