from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "servicefirst.portal"
    label = "portal"
    verbose_name = "Residents' portal"
