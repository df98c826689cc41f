from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "servicefirst.catalogue"
    label = "catalogue"
    verbose_name = "Service catalogue"

    def ready(self) -> None:
        from servicefirst.catalogue import tiles  # noqa: F401  registers the dashboard tiles
        from servicefirst.core.registry import NavigationItem, navigation_register

        navigation_register(NavigationItem("Services", "catalogue:index", "catalogue.view", order=40))
