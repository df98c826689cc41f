from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse

from servicefirst.complaints.reports import corporate_open_now
from servicefirst.core.disclosure import disclosure_for, shown_number
from servicefirst.core.registry import Tile


def corporate_complaints_open(user: AbstractBaseUser) -> Tile:
    figures = corporate_open_now()
    disclosure = disclosure_for(user)

    def count(value: int) -> str:
        return shown_number(disclosure.count(value))

    return Tile(
        title="Corporate complaints open",
        value=count(figures.open),
        detail=f"{count(figures.overdue)} overdue; "
        f"{count(figures.received_this_month)} received in {figures.month:%B %Y}",
        url=reverse("complaints_reports:index"),
    )
