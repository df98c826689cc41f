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


class Ordered[Item]:
    """Items that apps add at start-up, kept in (order, label) order; adding the same item again keeps one."""

    def __init__(self) -> None:
        self._items: list[Item] = []

    def add(self, item: Item) -> None:
        if item not in self._items:
            self._items.append(item)
            self._items.sort(key=lambda i: (i.order, i.label))

    def items(self) -> list[Item]:
        return list(self._items)


_navigation: Ordered[NavigationItem] = Ordered()
_tiles: list[tuple[int, str, TileProvider]] = []


def navigation_register(item: NavigationItem) -> None:
    _navigation.add(item)


def navigation_items() -> list[NavigationItem]:
    return _navigation.items()


def tile_register(*, capability: str, order: int = 100) -> Callable[[TileProvider], TileProvider]:
    def decorator(provider: TileProvider) -> TileProvider:
        if all(p is not provider for _, _, p in _tiles):
            _tiles.append((order, capability, provider))
            _tiles.sort(key=lambda t: t[0])
        return provider

    return decorator


def tile_providers() -> list[tuple[str, TileProvider]]:
    return [(capability, provider) for _, capability, provider in _tiles]
