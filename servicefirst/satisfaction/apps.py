from django.apps import AppConfig


class SatisfactionConfig(AppConfig):
    name = "servicefirst.satisfaction"
    label = "satisfaction"
    verbose_name = "Customer satisfaction"
