from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "servicefirst.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Registers the deploy checks.
        from servicefirst.core import checks  # noqa: F401
