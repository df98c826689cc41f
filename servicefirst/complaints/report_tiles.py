from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse

from servicefirst.complaints.reports import corporate_open_now
from servicefirst.core.registry import Tile


def corporate_complaints_open(user: AbstractBaseUser) -> Tile:
    figures = corporate_open_now()
    return Tile(
        title="Corporate complaints open",
        value=f"{figures.open:,}",
        detail=f"{figures.overdue:,} overdue; {figures.received_this_month:,} received in {figures.month:%B %Y}",
        url=reverse("complaints_reports:index"),
    )
