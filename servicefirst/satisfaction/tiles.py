from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse

from servicefirst.core.registry import Tile
from servicefirst.satisfaction.reports import month_share


def satisfied_this_month(user: AbstractBaseUser) -> Tile | None:
    share = month_share()
    if not share.responses:
        return None
    return Tile(
        title="Customers satisfied this month",
        value=f"{share.satisfied_percent:.0f}%",
        detail=f"{share.satisfied:,} of {share.responses:,} who answered about this month's contacts",
        url=reverse("satisfaction:results"),
    )
