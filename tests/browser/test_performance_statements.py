import datetime
import zoneinfo
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from servicefirst.accounts.roles import Role
from servicefirst.performance.models import RechargeRate
from tests.browser.conftest import assert_accessible
from tests.factories import ClientServiceFactory, CouncilServiceFactory, UserFactory
from tests.factories_contacts import log_contact

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_head_of_service_opens_and_prints_a_statement(page, sign_in):
    waste = ClientServiceFactory(name="Waste and recycling", code="waste")
    bins = CouncilServiceFactory(client_service=waste, name="Missed bin collection")
    # The seeded defaults are there unless an earlier transactional test emptied the tables.
    RechargeRate.objects.all().delete()
    RechargeRate.objects.create(channel="phone", amount=Decimal("2.83"), effective_from=datetime.date(2000, 1, 1))
    officer = UserFactory(role=Role.OFFICER)
    started = datetime.datetime(2026, 3, 2, 10, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    for minutes in (4, 6):
        log_contact(
            officer,
            council_service_id=bins.pk,
            started_at=started,
            ended_at=started + datetime.timedelta(minutes=minutes),
        )
    sign_in(UserFactory(username="head", role=Role.HEAD_OF_SERVICE))

    page.goto("/staff/performance/statements/")
    expect(page.get_by_role("heading", name="Client service statements")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Client service").select_option(label="Waste and recycling")
    page.get_by_label("Month").select_option(label="March 2026")
    page.get_by_role("button", name="Show statement").click()

    expect(page.get_by_role("heading", name="Waste and recycling: statement for March 2026")).to_be_visible()
    recharge = page.get_by_role("table", name="Recharge")
    expect(recharge.get_by_role("row", name="Total")).to_contain_text("5.66")
    expect(page.get_by_role("table", name="Contacts by channel").get_by_role("row", name="Phone")).to_contain_text(
        "5:00"
    )
    assert_accessible(page)

    navigation = page.get_by_role("navigation", name="Staff menu")
    expect(navigation).to_be_visible()
    page.emulate_media(media="print")
    expect(navigation).to_be_hidden()
    expect(page.get_by_role("link", name="Download every table (XLSX)")).to_be_hidden()
    expect(recharge).to_be_visible()
