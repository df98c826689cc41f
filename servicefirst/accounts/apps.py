from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "servicefirst.accounts"
    label = "accounts"
    verbose_name = "Staff and roles"

    def ready(self) -> None:
        from servicefirst.accounts.services import api_tokens_watch

        api_tokens_watch()
