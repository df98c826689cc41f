from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "servicefirst.complaints"
    label = "complaints"
    verbose_name = "Complaints, compliments and comments"

    def ready(self) -> None:
        from servicefirst.complaints import report_tiles, timeline_sources  # noqa: F401  register tile and timeline
        from servicefirst.core.registry import NavigationItem, navigation_register
        from servicefirst.customers.timeline import CustomerAction, customer_action_register

        navigation_register(NavigationItem("Record feedback", "complaints:record", "complaint.record", order=25))
        navigation_register(NavigationItem("Complaints", "complaints:caseload", "complaint.handle", order=26))
        navigation_register(NavigationItem("Complaint reports", "complaints_reports:index", "reports.view", order=52))
        customer_action_register(
            CustomerAction("Record a complaint", "complaints:record", "complaint.record", order=30)
        )
