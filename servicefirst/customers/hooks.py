"""What customers adds to other apps' screens, and the record's own history on its single view (see `core.hooks`)."""

from django.contrib.auth.base_user import AbstractBaseUser

from servicefirst.core import hooks
from servicefirst.core.registry import DASHBOARD_TILES, NAVIGATION, NavigationItem, Tile, TileSource
from servicefirst.customers.models import CustomerChange
from servicefirst.customers.selectors import customer_changes_export, customers_count
from servicefirst.customers.timeline import CUSTOMER_PARTICIPANTS, Participant, customer_rows_mover
from servicefirst.customers.timeline_sources import record_changes


def customers_on_record(user: AbstractBaseUser) -> Tile:
    return Tile(title="Customers on record", value=f"{customers_count():,}")


hooks.register(NAVIGATION, NavigationItem("Customers", "customers:search", "customer.search", order=10))
hooks.register(DASHBOARD_TILES, TileSource("dashboard.view", customers_on_record), order=10)
hooks.register(
    CUSTOMER_PARTICIPANTS,
    Participant(
        "record-changes",
        "Changes to the record",
        export=customer_changes_export,
        move=customer_rows_mover(CustomerChange),
        timeline=record_changes,
    ),
)
