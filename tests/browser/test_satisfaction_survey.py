"""The survey link a resident follows from their acknowledgement: answered once with the keyboard, errors in the
error summary, and every page it shows passes axe-core."""

import pytest
from playwright.sync_api import Page, expect

from servicefirst.satisfaction.links import survey_token_make
from servicefirst.satisfaction.models import CaptureMethod, SurveyResponse
from tests.browser.conftest import assert_accessible
from tests.factories import UserFactory, make_customer
from tests.factories_satisfaction import call, reason

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_answers_the_survey_once(page: Page):
    officer = UserFactory()
    customer = make_customer(officer, first_name="Zebedee", last_name="Quixote", email="zq@example.com")
    contact = call(officer=officer, customer_id=customer.pk)
    waiting = reason()
    link = f"/survey/{survey_token_make(contact_id=contact.pk, medium='email')}/"

    page.goto(link)
    expect(page.get_by_role("heading", name="Tell us how we did")).to_be_visible()
    assert "Quixote" not in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Send your answer").press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select how satisfied you were with our service")
    assert_accessible(page)

    page.get_by_label("Very dissatisfied").check()
    page.get_by_label("Anything else you would like to tell us").fill("Nobody called me back")
    page.get_by_role("button", name="Send your answer").press("Enter")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("Anything else you would like to tell us")).to_have_value("Nobody called me back")
    assert_accessible(page)

    page.get_by_label(waiting.label).check()
    page.get_by_role("button", name="Send your answer").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    assert_accessible(page)
    answer = SurveyResponse.objects.get(contact=contact)
    assert (answer.rating, answer.reason, answer.captured_by) == (1, waiting, CaptureMethod.LINK_EMAIL)

    page.goto(link)
    expect(page.get_by_role("heading", name="This survey has already been answered")).to_be_visible()
    assert_accessible(page)
