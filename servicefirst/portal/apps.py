from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "servicefirst.portal"
    label = "portal"
    verbose_name = "Residents' portal"

    def ready(self) -> None:
        from servicefirst.customers.timeline import CustomerAction, customer_action_register

        customer_action_register(
            CustomerAction("Fill an online form with the resident", "portal:assisted_start", "request.raise", order=25)
        )
