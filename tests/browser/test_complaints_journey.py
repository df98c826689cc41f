"""An officer records a complaint from the customer's single view; the complaints officer finds it in the caseload,
acknowledges it and responds. Each complaints page is checked with axe-core on the way."""

import pytest
from playwright.sync_api import expect

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import Complaint
from tests.browser.conftest import assert_accessible
from tests.factories import CouncilServiceFactory, UserFactory, make_customer
from tests.factories_complaints import complaint_defaults_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_acknowledge_and_respond(page, sign_in):
    complaint_defaults_load()
    officer = UserFactory(username="aisha", first_name="Aisha", last_name="Rahman", role=Role.OFFICER)
    handler = UserFactory(username="grace", first_name="Grace", last_name="Mensah", role=Role.COMPLAINTS_OFFICER)
    CouncilServiceFactory(name="Missed bin collection")
    john = make_customer(officer, first_name="John", last_name="Smith")

    sign_in(officer)
    page.goto(f"/staff/customers/{john.pk}/")
    page.get_by_role("button", name="Record a complaint").click()
    expect(page.get_by_role("heading", name="Record a complaint, compliment or comment")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Summary").fill("Bin missed three weeks running")
    page.get_by_label("What the customer said").fill("Blue bin not emptied on 2, 9 and 16 November.")
    page.get_by_label("Which service is it about?").select_option(label="Missed bin collection")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("recorded and sent to the Corporate complaints team")).to_be_visible()
    complaint = Complaint.objects.get()

    sign_in(handler)
    page.goto("/staff/complaints/caseload/")
    expect(page.get_by_role("heading", name="Complaints caseload")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=complaint.reference).click()
    expect(page.get_by_role("heading", name="Bin missed three weeks running")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_text("Acknowledged. The response is due by")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("radio", name="Partly upheld").check()
    page.get_by_label("Response to the customer").fill("We are sorry; the crew has been briefed.")
    page.get_by_role("checkbox", name="Apology").check()
    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_text("Response recorded")).to_be_visible()
    assert_accessible(page)

    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome, complaint.stages.get().handled_by) == (
        "responded",
        "partly_upheld",
        handler,
    )
