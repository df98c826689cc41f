from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "servicefirst.core"
    label = "core"
    verbose_name = "Core"
