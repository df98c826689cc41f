from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "servicefirst.performance"
    label = "performance"
    verbose_name = "Performance reporting"

    def ready(self) -> None:
        from servicefirst.core.registry import NavigationItem, navigation_register

        navigation_register(NavigationItem("Performance", "performance:dashboard", "reports.view", order=49))
        navigation_register(NavigationItem("Statements", "performance:statements", "reports.view", order=51))
