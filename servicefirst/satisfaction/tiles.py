from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse

from servicefirst.core.disclosure import SUPPRESSED, disclosure_for
from servicefirst.core.registry import Tile
from servicefirst.satisfaction.reports import month_share


def satisfied_this_month(user: AbstractBaseUser) -> Tile | None:
    share = month_share()
    if not share.responses:
        return None
    if disclosure_for(user).hides_part(share.satisfied, share.responses):
        value, counts = SUPPRESSED, SUPPRESSED
    else:
        value, counts = f"{share.satisfied_percent:.0f}%", f"{share.satisfied:,} of {share.responses:,}"
    return Tile(
        title="Customers satisfied this month",
        value=value,
        detail=f"{counts} who answered about this month's contacts",
        url=reverse("satisfaction:results"),
    )
