from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "servicefirst.customers"
    label = "customers"
    verbose_name = "Customers"

    def ready(self) -> None:
        from servicefirst.core.registry import NavigationItem, Tile, navigation_register, tile_register
        from servicefirst.customers import timeline_sources  # noqa: F401  registers the record's own history
        from servicefirst.customers.models import Customer

        navigation_register(NavigationItem("Customers", "customers:search", "customer.search", order=10))

        @tile_register(capability="dashboard.view", order=10)
        def customers_on_record(user) -> Tile:
            return Tile(title="Customers on record", value=f"{Customer.objects.count():,}")
