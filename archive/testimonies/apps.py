from django.apps import AppConfig


class TestimoniesConfig(AppConfig):
    name = "archive.testimonies"
    label = "testimonies"
    verbose_name = "Testimonies"
