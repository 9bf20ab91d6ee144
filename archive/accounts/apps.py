from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "archive.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"
