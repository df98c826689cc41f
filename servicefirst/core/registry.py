"""Registries that other apps add to at start-up, so the screens here never import them.

Apps call `navigation_register` and `tile_register` from their AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser


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

_navigation: list[NavigationItem] = []
_tiles: list[tuple[int, str, TileProvider]] = []


def navigation_register(item: NavigationItem) -> None:
    if item not in _navigation:
        _navigation.append(item)
        _navigation.sort(key=lambda i: (i.order, i.label))


def navigation_items() -> list[NavigationItem]:
    return list(_navigation)


def tile_register(*, capability: str, order: int = 100) -> Callable[[TileProvider], TileProvider]:
    def decorator(provider: TileProvider) -> TileProvider:
        if all(p is not provider for _, _, p in _tiles):
            _tiles.append((order, capability, provider))
            _tiles.sort(key=lambda t: t[0])
        return provider

    return decorator


def tile_providers() -> list[tuple[str, TileProvider]]:
    return [(capability, provider) for _, capability, provider in _tiles]
