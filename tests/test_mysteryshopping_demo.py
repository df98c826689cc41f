"""The demo's year of mystery shopping: every site shopped every month, sites that differ, and one improving."""

import datetime
import random
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from servicefirst.accounts.roles import Role
from servicefirst.demo.mysteryshopping import demo_mysteryshopping_load
from servicefirst.mysteryshopping.models import MysteryShop
from servicefirst.mysteryshopping.reports import site_results
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.slow
@pytest.mark.parametrize(
    "moment",
    # An ordinary weekday; New Year's Day, before any working day of the month; a Saturday the 1st; a leap day.
    ["2026-11-18 12:00", "2030-01-01 00:05", "2027-05-01 09:00", "2028-02-29 12:00"],
)
def test_the_demo_writes_a_year_of_shops_in_which_east_improves(time_machine, moment):
    time_machine.move_to(datetime.datetime.fromisoformat(moment).replace(tzinfo=datetime.UTC), tick=False)
    call_command(
        "import_organisation", "sites", Path(settings.BASE_DIR) / "servicefirst/demo/data/sites.csv", stdout=StringIO()
    )
    UserFactory(username="tm.patel", role=Role.TEAM_MANAGER)
    UserFactory(username="tm.obrien", role=Role.TEAM_MANAGER)

    written = demo_mysteryshopping_load(rng=random.Random(42))

    shops = MysteryShop.objects.all()
    # Every site, twelve months, face to face and one remote channel; one report not in; next month's seven.
    assert written == shops.count() == 7 * 2 * 12 + 7
    assert shops.filter(status="done").count() == 7 * 2 * 12 - 1
    assert shops.filter(status="cancelled").count() == 1
    assert shops.filter(status="scheduled").count() == 1 + 6
    # The results for the twelve months the demo wrote (on the 1st of a month, before any of its working days,
    # the page's twelve months are this one and the eleven before, and its first month is not yet there).
    last_shopped = shops.filter(status="done").latest("done_on").done_on
    rows = {row.site: row for row in site_results(today=last_shopped).rows}
    assert len(rows) == 7
    east = rows["East One Stop Shop"]
    assert east.change > 20
    assert rows["Town Hall Service Centre"].average > east.average
    assert len({round(row.average) for row in rows.values()}) > 3
