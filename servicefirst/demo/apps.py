from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "servicefirst.demo"
    label = "demo"
    verbose_name = "Demo borough"
