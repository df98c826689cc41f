from django.apps import AppConfig


class InboundConfig(AppConfig):
    name = "servicefirst.inbound"
    label = "inbound"
    verbose_name = "Inbound email"
