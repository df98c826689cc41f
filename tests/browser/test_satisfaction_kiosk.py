"""The kiosk in a browser: a manager starts it, a visitor answers with the keyboard alone or by touch on a
tablet-sized screen, and the screen goes back to the start on its own."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from servicefirst.accounts.roles import Role
from servicefirst.satisfaction.models import CaptureMethod, SurveyResponse
from servicefirst.satisfaction.views_public import KIOSK_COOKIE
from tests.browser.conftest import assert_accessible, csp_violations, focused, tab_to
from tests.factories import SiteFactory, UserFactory, make_customer
from tests.factories_satisfaction import kiosk, reason, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KIOSK = "/kiosk/"


def tab_to_button(page: Page, text: str, limit: int = 40) -> None:
    """The kiosk's answers are buttons sharing one name, so they are found by what they say."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement.textContent.trim()") == text:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {text!r}")


def test_a_manager_starts_the_kiosk_and_a_visitor_answers_with_the_keyboard_only(page: Page, sign_in, live_server):
    site = SiteFactory(name="Hornsey Customer Service Centre")
    manager = UserFactory(role=Role.TEAM_MANAGER)
    waiting = reason("Waited too long to be seen or answered", "Waiting")
    officer = UserFactory(role=Role.OFFICER, first_name="Olivia", last_name="Officerson")
    customer = make_customer(officer, first_name="Zebedee", last_name="Quixote")
    theirs = visit(site=site, officer=officer, customer_id=customer.pk)
    sign_in(manager)

    page.goto("/staff/satisfaction/kiosks/")
    page.get_by_label("Site").select_option(label=site.name)
    page.get_by_label("Where the kiosk stands").fill("Reception")
    page.get_by_role("button", name="Register the kiosk").click()
    expect(page.get_by_role("heading", name="Kiosk registered")).to_be_visible()
    page.get_by_role("button", name="Start the kiosk on this device").click()

    expect(page.get_by_role("heading", name="How satisfied were you with our service today?")).to_be_visible()
    assert_accessible(page)
    body = page.locator("body").inner_text()
    assert "Zebedee" not in body and "Officerson" not in body
    # Starting the kiosk signed the manager out, so a visitor cannot wander into staff pages.
    assert page.context.request.get(f"{live_server.url}/staff/", max_redirects=0).status == 302

    tab_to_button(page, "Very dissatisfied")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="What was the main reason you were dissatisfied?")).to_be_visible()
    assert_accessible(page)
    tab_to(page, "comment")
    page.keyboard.type("The queue did not move")
    tab_to_button(page, waiting.label)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert_accessible(page)

    saved = SurveyResponse.objects.get()
    assert (saved.contact, saved.rating, saved.reason, saved.captured_by) == (theirs, 1, waiting, CaptureMethod.KIOSK)
    assert saved.comment == "The queue did not move"
    # After each answer the screen returns to the start by itself.
    expect(page.get_by_role("heading", name="How satisfied were you with our service today?")).to_be_visible(
        timeout=15_000
    )
    assert focused(page) != "comment"


def test_a_visitor_answers_by_touch_on_a_tablet_with_big_targets(browser, live_server):
    site = SiteFactory()
    visit(site=site)
    _, token = kiosk(site=site)
    manager = Client()
    manager.force_login(UserFactory(role=Role.TEAM_MANAGER))
    cookie = manager.post("/staff/satisfaction/kiosks/start/", {"token": token}).cookies[KIOSK_COOKIE]
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 768, "height": 1024}, has_touch=True, is_mobile=True
    )
    context.add_cookies([{"name": KIOSK_COOKIE, "value": cookie.value, "url": live_server.url + KIOSK}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused = csp_violations(page)
    try:
        page.goto(KIOSK)
        assert_accessible(page)
        buttons = page.locator("button.sf-kiosk-button")
        assert buttons.count() == 5
        for index in range(5):
            box = buttons.nth(index).bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, box
        page.get_by_role("button", name="Very satisfied").tap()
        expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
        assert SurveyResponse.objects.get().rating == 5
    finally:
        context.close()
    assert refused == [], refused
