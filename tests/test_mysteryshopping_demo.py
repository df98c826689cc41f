"""The demo's year of mystery shopping: every site shopped every month, sites that differ, and one improving."""

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


def test_the_demo_writes_a_year_of_shops_in_which_east_improves():
    call_command(
        "import_organisation", "sites", Path(settings.BASE_DIR) / "servicefirst/demo/data/sites.csv", stdout=StringIO()
    )
    UserFactory(username="tm.patel", role=Role.TEAM_MANAGER)
    UserFactory(username="tm.obrien", role=Role.TEAM_MANAGER)

    written = demo_mysteryshopping_load(rng=random.Random(42))

    shops = MysteryShop.objects.all()
    assert written == shops.count()
    assert shops.filter(status="done").count() >= 7 * 2 * 11
    assert shops.filter(status="cancelled").count() == 1
    assert shops.filter(status="scheduled").count() >= 7
    rows = {row.site: row for row in site_results().rows}
    assert len(rows) == 7
    east = rows["East One Stop Shop"]
    assert east.change > 20
    assert rows["Town Hall Service Centre"].average > east.average
    assert len({round(row.average) for row in rows.values()}) > 3
