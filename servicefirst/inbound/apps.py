from django.apps import AppConfig


class InboundConfig(AppConfig):
    name = "servicefirst.inbound"
    label = "inbound"
    verbose_name = "Inbound email"

    def ready(self) -> None:
        from servicefirst.core.registry import NavigationItem, navigation_register

        navigation_register(NavigationItem("Emails to match", "inbound:to_match", "contact.log", order=18))
