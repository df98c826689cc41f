"""The staff navigation and the home page's tiles: two hooks that apps add to in their `hooks.py`, so the
screens here never import them (see `core.hooks`).

    hooks.register(NAVIGATION, NavigationItem("Customers", "customers:search", "customer.search", order=10))
    hooks.register(DASHBOARD_TILES, TileSource("dashboard.view", customers_on_record), order=10)
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser

from servicefirst.core import hooks

NAVIGATION = "navigation"
DASHBOARD_TILES = "dashboard_tiles"


@dataclass(frozen=True)
class NavigationItem:
    label: str
    url_name: str
    capability: str
    order: int = 100


@dataclass(frozen=True)
class Tile:
    """A dashboard figure. Tiles show aggregates only, so councillors may see every tile they are allowed."""

    title: str
    value: str
    detail: str = ""
    url: str | None = None


TileProvider = Callable[[AbstractBaseUser], Tile | None]


@dataclass(frozen=True)
class TileSource:
    """A tile and the capability a person needs to see it; `provide` may answer None to show nothing."""

    capability: str
    provide: TileProvider


def navigation_items() -> list[NavigationItem]:
    return hooks.get_hooks(NAVIGATION)


def tile_providers() -> list[tuple[str, TileProvider]]:
    return [(source.capability, source.provide) for source in hooks.get_hooks(DASHBOARD_TILES)]
