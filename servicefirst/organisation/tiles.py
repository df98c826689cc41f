from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone

from servicefirst.core.registry import Tile
from servicefirst.organisation.selectors import sites_open_count


def sites_open_now(user: AbstractBaseUser) -> Tile | None:
    now = timezone.now()
    open_count, total = sites_open_count(at=now)
    if not total:
        return None
    return Tile(
        title="Sites open now",
        value=f"{open_count} of {total}",
        detail=f"Customer service centres open at {timezone.localtime(now):%H:%M}",
        url=reverse("organisation:sites"),
    )
