from django.apps import AppConfig


class SigninConfig(AppConfig):
    name = "servicefirst.signin"
    label = "signin"
    verbose_name = "Staff sign-in"

    def ready(self) -> None:
        from servicefirst.signin.receivers import sign_in_watch

        sign_in_watch()
