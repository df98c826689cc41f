import datetime
import functools

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from servicefirst.accounts.roles import Role
from servicefirst.mysteryshopping.models import MysteryShop
from tests.browser import conftest
from tests.browser.conftest import assert_accessible
from tests.factories import SiteFactory, UserFactory
from tests.factories_mysteryshopping import schedule_shop, score_shop, standards

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The scoring form is long: up to 60 presses of Tab reach a field.
tab_to = functools.partial(conftest.tab_to, limit=60)


def test_a_team_manager_schedules_and_scores_a_shop_with_the_keyboard_only(page, sign_in):
    standards(
        ("Officer gave their name", 1, None), ("Accurate information given", 3, None), ("Polite and helpful", 2, None)
    )
    SiteFactory(name="Apex House")
    manager = UserFactory(username="tm", first_name="Priya", role=Role.TEAM_MANAGER)
    sign_in(manager)
    day = timezone.localdate() - datetime.timedelta(days=1)

    page.goto("/staff/mystery-shopping/shops/")
    expect(page.get_by_role("heading", name="Mystery shopping", exact=True)).to_be_visible()
    assert_accessible(page)
    tab_to(page, "Schedule a shop")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Schedule a mystery shop")).to_be_visible()

    tab_to(page, "id_site_id")
    page.keyboard.type("Apex")
    page.keyboard.press("Tab")
    expect(page.get_by_role("radio", name="Phone")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Face to face")).to_be_checked()
    tab_to(page, "id_scheduled_for_0")
    page.keyboard.type(str(day.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(day.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(day.year))
    page.keyboard.press("Tab")
    expect(page.get_by_label("Shopper")).to_be_focused()
    page.keyboard.type("Customer Services for London Group")
    page.keyboard.press("Tab")
    # Leave the scenario empty: the error summary must say so and keep everything typed.
    tab_to(page, "Schedule shop")
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the scenario the shopper will follow")
    expect(page.get_by_label("Shopper")).to_have_value("Customer Services for London Group")
    expect(page.get_by_role("radio", name="Face to face")).to_be_checked()
    assert_accessible(page)
    tab_to(page, "id_scenario")
    page.keyboard.type("Asks how to apply for a blue badge for a parent")
    tab_to(page, "Schedule shop")
    page.keyboard.press("Enter")

    expect(page.get_by_text("scheduled for")).to_be_visible()
    shop = MysteryShop.objects.get()
    assert (shop.site.name, shop.channel, shop.scheduled_for) == ("Apex House", "face_to_face", day)
    expect(page.get_by_text("Overdue to score")).to_be_visible()
    tab_to(page, f"{shop.reference}: score or cancel")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Mystery shop {shop.reference}")).to_be_visible()
    assert_accessible(page)

    first = page.get_by_role("group", name="1. Officer gave their name")
    tab_to(page, first.get_by_role("radio", name="Met", exact=True).get_attribute("id"))
    page.keyboard.press("Space")
    notes = page.get_by_label("Notes on “Officer gave their name” (optional)")
    tab_to(page, notes.get_attribute("id"))
    page.keyboard.type("Gave her first name")
    accurate = page.get_by_role("group", name="2. Accurate information given")
    tab_to(page, accurate.get_by_role("radio", name="Met", exact=True).get_attribute("id"))
    page.keyboard.press("ArrowRight")
    expect(accurate.get_by_role("radio", name="Not met")).to_be_checked()
    tab_to(page, "Save scores")
    page.keyboard.press("Enter")

    expect(page.locator(".govuk-error-summary")).to_contain_text("Select whether “Polite and helpful” was met")
    expect(notes).to_have_value("Gave her first name")
    expect(accurate.get_by_role("radio", name="Not met")).to_be_checked()
    assert_accessible(page)
    page.locator(".govuk-error-summary a").first.focus()
    page.keyboard.press("Enter")
    polite = page.get_by_role("group", name="3. Polite and helpful")
    expect(polite.get_by_role("radio", name="Met", exact=True)).to_be_focused()
    page.keyboard.press("Space")
    tab_to(page, "Save scores")
    page.keyboard.press("Enter")

    expect(page.get_by_text("scored: 50.00%")).to_be_visible()
    shop.refresh_from_db()
    assert (shop.status, str(shop.score), shop.scored_by) == ("done", "50.00", manager)
    assert shop.scores.get(answer="met", item__text="Officer gave their name").notes == "Gave her first name"


def test_the_results_pages_pass_axe_for_a_councillor(page, sign_in):
    standards(("Officer gave their name", 1, None), ("Polite and helpful", 2, None))
    site = SiteFactory(name="Apex House")
    score_shop(schedule_shop(site=site), {"Polite and helpful": "not_met"})
    sign_in(UserFactory(username="cllr", role=Role.COUNCILLOR))
    for url, heading in (
        ("/staff/mystery-shopping/results/", "Mystery shopping results by site"),
        ("/staff/mystery-shopping/results/standards/", "Mystery shopping results by standard"),
    ):
        page.goto(url)
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        expect(page.get_by_role("rowheader").first).to_be_visible()
        assert_accessible(page)
