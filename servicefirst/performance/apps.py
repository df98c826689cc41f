from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "servicefirst.performance"
    label = "performance"
    verbose_name = "Performance reporting"

    def ready(self) -> None:
        from servicefirst.core.events import (
            contact_customer_named,
            contact_logged,
            contact_repeat_marked,
            service_request_resolution_changed,
            survey_answered,
        )
        from servicefirst.performance import receivers

        contact_logged.connect(receivers.contact_logged_received, dispatch_uid="performance.contact_logged")
        contact_repeat_marked.connect(receivers.contact_repeat_received, dispatch_uid="performance.contact_repeat")
        contact_customer_named.connect(
            receivers.contact_customer_named_received, dispatch_uid="performance.contact_customer_named"
        )
        survey_answered.connect(receivers.survey_answered_received, dispatch_uid="performance.survey_answered")
        service_request_resolution_changed.connect(
            receivers.resolution_changed_received, dispatch_uid="performance.resolution_changed"
        )
