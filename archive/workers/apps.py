from django.apps import AppConfig


class WorkersConfig(AppConfig):
    name = "archive.workers"
    label = "workers"
    verbose_name = "Workers"
