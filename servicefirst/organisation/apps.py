from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "servicefirst.organisation"
    label = "organisation"
    verbose_name = "Organisation"

    def ready(self) -> None:
        from servicefirst.core.registry import NavigationItem, navigation_register
        from servicefirst.organisation import tiles  # noqa: F401  registers the dashboard tiles

        navigation_register(NavigationItem("Organisation", "organisation:index", "organisation.view", order=60))
