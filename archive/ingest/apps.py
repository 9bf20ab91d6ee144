from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "archive.ingest"
    label = "ingest"
    verbose_name = "Interviews"
