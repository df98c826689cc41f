"""What the service catalogue adds to other apps' screens (see `core.hooks`)."""

from servicefirst.catalogue.tiles import services_in_front_office
from servicefirst.core import hooks
from servicefirst.core.registry import DASHBOARD_TILES, NAVIGATION, NavigationItem, TileSource

hooks.register(NAVIGATION, NavigationItem("Services", "catalogue:index", "catalogue.view", order=40))
hooks.register(DASHBOARD_TILES, TileSource("catalogue.view", services_in_front_office), order=40)
