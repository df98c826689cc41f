from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse

from servicefirst.catalogue.models import FrontOfficeStatus
from servicefirst.catalogue.selectors import catalogue_counts
from servicefirst.core.registry import Tile


def services_in_front_office(user: AbstractBaseUser) -> Tile | None:
    counts = catalogue_counts()
    if not counts.total:
        return None
    return Tile(
        title="Services in the front office",
        value=str(counts.in_front_office),
        detail=f"{counts.planned} planned for transfer, of {counts.total} services in the catalogue",
        url=f"{reverse('catalogue:index')}?status={FrontOfficeStatus.IN_FRONT_OFFICE}",
    )
