from django.apps import AppConfig


class TestimoniesConfig(AppConfig):
    name = "archive.testimonies"
    label = "testimonies"
    verbose_name = "Testimonies"

    def ready(self):
        from . import moments  # noqa: F401 - connects the search-moment receivers
