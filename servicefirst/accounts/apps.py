from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "servicefirst.accounts"
    label = "accounts"
    verbose_name = "Staff and roles"
