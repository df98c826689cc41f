from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "servicefirst.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from servicefirst.core.registry import NavigationItem, navigation_register

        navigation_register(NavigationItem("Audit log", "audit:list", "audit.view", order=90))
