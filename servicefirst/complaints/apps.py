from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "servicefirst.complaints"
    label = "complaints"
    verbose_name = "Complaints, compliments and comments"

    def ready(self) -> None:
        from servicefirst.complaints import timeline_sources  # noqa: F401  registers the timeline source
        from servicefirst.core.registry import NavigationItem, navigation_register
        from servicefirst.customers.timeline import CustomerAction, customer_action_register

        navigation_register(NavigationItem("Record feedback", "complaints:record", "complaint.record", order=25))
        navigation_register(NavigationItem("Complaints", "complaints:caseload", "complaint.handle", order=26))
        customer_action_register(
            CustomerAction("Record a complaint", "complaints:record", "complaint.record", order=30)
        )
