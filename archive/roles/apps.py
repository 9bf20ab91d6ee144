from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "archive.roles"
    label = "roles"
    verbose_name = "Roles"
