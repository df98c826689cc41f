from django.apps import AppConfig


class MysteryShoppingConfig(AppConfig):
    name = "servicefirst.mysteryshopping"
    label = "mysteryshopping"
    verbose_name = "Mystery shopping"

    def ready(self) -> None:
        from servicefirst.core.registry import NavigationItem, navigation_register

        navigation_register(
            NavigationItem("Mystery shopping", "mysteryshopping:shops", "mysteryshopping.manage", order=60)
        )
        navigation_register(
            NavigationItem("Mystery shopping results", "mysteryshopping:results_sites", "reports.view", order=61)
        )
