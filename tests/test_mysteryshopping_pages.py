"""The mystery shopping pages: who may open each, scheduling, and scoring without losing what was typed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.mysteryshopping.models import MysteryShop
from servicefirst.mysteryshopping.selectors import shop_items
from tests.factories import ContactPointFactory, SiteFactory
from tests.factories_mysteryshopping import schedule_shop, standards

pytestmark = pytest.mark.django_db

MANAGERS = {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}
REPORT_READERS = {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.COUNCILLOR, Role.ADMINISTRATOR}


@pytest.fixture
def shop():
    standards(("Officer gave their name", 1, None), ("Polite and helpful", 2, None))
    return schedule_shop(site=SiteFactory(name="Apex House"))


def _pages(shop) -> dict[str, tuple[set, str]]:
    return {
        "shops": (MANAGERS, reverse("mysteryshopping:shops")),
        "schedule": (MANAGERS, reverse("mysteryshopping:schedule")),
        "shop": (MANAGERS, reverse("mysteryshopping:shop", args=[shop.pk])),
        "results by site": (REPORT_READERS, reverse("mysteryshopping:results_sites")),
        "results by standard": (REPORT_READERS, reverse("mysteryshopping:results_standards")),
    }


@pytest.mark.parametrize("role", list(Role))
def test_each_page_opens_only_for_the_roles_allowed(staff, client_for, shop, role):
    client = client_for(staff[role])
    for name, (allowed, url) in _pages(shop).items():
        assert client.get(url).status_code == (200 if role in allowed else 403), name


def test_signed_out_people_are_sent_to_sign_in(client, shop):
    assert client.get(reverse("mysteryshopping:shops")).status_code == 302


@pytest.mark.parametrize("role", [Role.OFFICER, Role.COUNCILLOR])
def test_officers_and_councillors_cannot_schedule_score_or_cancel(staff, client_for, shop, role):
    client = client_for(staff[role])
    site = SiteFactory()
    response = client.post(
        reverse("mysteryshopping:schedule"),
        {"site_id": site.pk, "channel": "phone", "shopper": "CSLG", "scenario": "Asks about bins"},
    )
    assert response.status_code == 403
    answers = {f"answer_{item.pk}": "met" for item in shop_items(shop)}
    response = client.post(reverse("mysteryshopping:shop", args=[shop.pk]), {"version": 1, **answers})
    assert response.status_code == 403
    assert client.post(reverse("mysteryshopping:cancel", args=[shop.pk]), {"version": 1}).status_code == 403
    assert MysteryShop.objects.count() == 1
    assert MysteryShop.objects.get().status == "scheduled"


def test_the_navigation_offers_each_role_only_its_pages(staff, client_for):
    page = client_for(staff[Role.COUNCILLOR]).get(reverse("mysteryshopping:results_sites")).content.decode()
    assert "Mystery shopping results" in page
    assert reverse("mysteryshopping:shops") not in page
    page = client_for(staff[Role.TEAM_MANAGER]).get(reverse("mysteryshopping:results_sites")).content.decode()
    assert reverse("mysteryshopping:shops") in page


def test_a_manager_schedules_a_shop(staff, client_for, shop):
    site = SiteFactory(name="North Centre")
    point = ContactPointFactory(kind="phone", label="Council tax")
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = client_for(staff[Role.TEAM_MANAGER]).post(
        reverse("mysteryshopping:schedule"),
        {
            "site_id": site.pk,
            "channel": "phone",
            "contact_point_id": point.pk,
            "scheduled_for_day": day.day,
            "scheduled_for_month": day.month,
            "scheduled_for_year": day.year,
            "shopper": "Customer Services for London Group",
            "scenario": "Rings to ask about a single person discount",
        },
    )
    assert response.status_code == 302
    new = MysteryShop.objects.get(site=site)
    assert (new.channel, new.contact_point, new.scheduled_for, new.status) == ("phone", point, day, "scheduled")
    assert new.scheduled_by == staff[Role.TEAM_MANAGER]


def test_scheduling_mistakes_are_summarised_and_what_was_typed_is_kept(staff, client_for, shop):
    email = ContactPointFactory(kind="email", value="tax@council.example", label="Council tax email")
    response = client_for(staff[Role.TEAM_MANAGER]).post(
        reverse("mysteryshopping:schedule"),
        {
            "site_id": shop.site_id,
            "channel": "phone",
            "contact_point_id": email.pk,
            "scheduled_for_day": "31",
            "scheduled_for_month": "2",
            "scheduled_for_year": "2027",
            "scenario": "Rings to ask about garden waste",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Date of the shop must be a real date" in page
    assert "Enter the shopper&#x27;s name or the agency&#x27;s" in page
    assert 'href="#id_scheduled_for_0"' in page
    assert "Rings to ask about garden waste" in page
    assert 'value="31"' in page
    assert MysteryShop.objects.count() == 1


def test_a_contact_point_of_the_wrong_kind_is_refused(staff, client_for, shop):
    email = ContactPointFactory(kind="email", value="tax@council.example", label="Council tax email")
    day = timezone.localdate()
    response = client_for(staff[Role.TEAM_MANAGER]).post(
        reverse("mysteryshopping:schedule"),
        {
            "site_id": shop.site_id,
            "channel": "phone",
            "contact_point_id": email.pk,
            "scheduled_for_day": day.day,
            "scheduled_for_month": day.month,
            "scheduled_for_year": day.year,
            "shopper": "CSLG",
            "scenario": "Rings to ask about garden waste",
        },
    )
    assert "Select a contact point for phone" in response.content.decode()
    assert MysteryShop.objects.count() == 1


def test_scoring_with_an_answer_missing_shows_the_error_and_keeps_the_other_answers(staff, client_for, shop):
    name, polite = shop_items(shop)
    day = shop.scheduled_for
    url = reverse("mysteryshopping:shop", args=[shop.pk])
    form = {
        "version": 1,
        "done_on_day": day.day,
        "done_on_month": day.month,
        "done_on_year": day.year,
        f"answer_{name.pk}": "not_met",
        f"notes_{name.pk}": "Only gave a first name",
    }
    manager = client_for(staff[Role.TEAM_MANAGER])
    page = manager.post(url, form).content.decode()
    assert "There is a problem" in page
    assert f'href="#id_answer_{polite.pk}_0"' in page
    assert "Select whether “Polite and helpful” was met, not met or not applicable" in page
    assert "Only gave a first name" in page
    assert f'id="id_answer_{name.pk}_1" name="answer_{name.pk}" type="radio" value="not_met" checked' in page
    shop.refresh_from_db()
    assert shop.status == "scheduled"

    response = manager.post(url, form | {f"answer_{polite.pk}": "met"})
    assert response.status_code == 302
    shop.refresh_from_db()
    assert (shop.status, str(shop.score)) == ("done", "66.67")


def test_a_manager_scoring_over_someone_elses_newer_answers_is_told_and_keeps_their_own(staff, client_for, shop):
    name, polite = shop_items(shop)
    day = shop.scheduled_for
    url = reverse("mysteryshopping:shop", args=[shop.pk])
    form = {"version": 1, "done_on_day": day.day, "done_on_month": day.month, "done_on_year": day.year}
    first, second = client_for(staff[Role.TEAM_MANAGER]), client_for(staff[Role.HEAD_OF_SERVICE])
    first.post(url, form | {f"answer_{name.pk}": "met", f"answer_{polite.pk}": "met"})
    page = second.post(
        url, form | {f"answer_{name.pk}": "not_met", f"answer_{polite.pk}": "met", f"notes_{name.pk}": "No name"}
    ).content.decode()
    assert "Someone else scored this shop while you were answering (score 100.00%)" in page
    assert "No name" in page
    assert 'name="version" value="2"' in page
    shop.refresh_from_db()
    assert (shop.score, shop.scored_by) == (100, staff[Role.TEAM_MANAGER])


def test_the_schedule_list_puts_shops_to_come_first_and_flags_those_overdue(staff, client_for, shop):
    later = schedule_shop(site=shop.site, scheduled_for=timezone.localdate() + datetime.timedelta(days=5))
    page = client_for(staff[Role.TEAM_MANAGER]).get(reverse("mysteryshopping:shops")).content.decode()
    assert page.index(shop.reference) < page.index(later.reference)
    assert "Overdue to score" in page
    assert "1 shop is past its date and still to be scored" in page


def test_a_manager_cancels_a_scheduled_shop(staff, client_for, shop):
    response = client_for(staff[Role.TEAM_MANAGER]).post(
        reverse("mysteryshopping:cancel", args=[shop.pk]), {"version": 1}
    )
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.status == "cancelled"
