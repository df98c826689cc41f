"""What an API token may do, by area of the API and read or write, on top of its user's role: a telephony
integration that logs contacts needs `contacts:write`, not the officer's right to read every customer.

An area is the first part of the path after `/api/` (or `open311` for the GeoReport endpoint); reading is GET
and HEAD, anything else writes. A token with `<area>:write` may also read that area.
"""

API_AREAS = ("customers", "catalogue", "contacts", "requests", "complaints", "satisfaction", "open311")
READ, WRITE = "read", "write"
ALL_SCOPES = tuple(f"{area}:{mode}" for area in API_AREAS for mode in (READ, WRITE))
_READING = frozenset({"GET", "HEAD", "OPTIONS"})


def scope_needed(*, area: str, method: str) -> str:
    return f"{area}:{READ if method.upper() in _READING else WRITE}"


def scopes_allow(*, scopes: frozenset[str] | set[str] | list[str], needed: str) -> bool:
    area, _, mode = needed.partition(":")
    return needed in scopes or (mode == READ and f"{area}:{WRITE}" in scopes)


def scopes_clean(scopes: list[str] | tuple[str, ...]) -> list[str]:
    """The scopes in a fixed order; ValueError naming any that does not exist."""
    unknown = sorted(set(scopes) - set(ALL_SCOPES))
    if unknown:
        raise ValueError(
            f"No such scope: {', '.join(unknown)}. Scopes are <area>:read or <area>:write, areas {', '.join(API_AREAS)}"
        )
    return [scope for scope in ALL_SCOPES if scope in scopes]
