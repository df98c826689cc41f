from django.apps import AppConfig


class ServiceRequestsConfig(AppConfig):
    name = "servicefirst.servicerequests"
    label = "servicerequests"
    verbose_name = "Service requests"

    def ready(self) -> None:
        from servicefirst.contacts.followups import FollowUp, followup_register
        from servicefirst.contacts.selectors import ContactOutcome
        from servicefirst.core.registry import NavigationItem, navigation_register
        from servicefirst.customers.timeline import CustomerAction, customer_action_register
        from servicefirst.servicerequests import tiles, timeline_sources  # noqa: F401  registers tile and timeline

        navigation_register(NavigationItem("Requests", "servicerequests:queue", "clientservice.work", order=20))
        customer_action_register(
            CustomerAction("Raise a service request", "servicerequests:raise", "request.raise", order=20)
        )
        followup_register(
            FollowUp(ContactOutcome.SERVICE_REQUEST_RAISED, "Raise the service request", "servicerequests:raise")
        )
