"""What the organisation adds to other apps' screens (see `core.hooks`)."""

from servicefirst.core import hooks
from servicefirst.core.registry import DASHBOARD_TILES, NAVIGATION, NavigationItem, TileSource
from servicefirst.organisation.tiles import sites_open_now

hooks.register(NAVIGATION, NavigationItem("Organisation", "organisation:index", "organisation.view", order=60))
hooks.register(DASHBOARD_TILES, TileSource("organisation.view", sites_open_now), order=60)
