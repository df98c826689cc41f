"""Complaints, compliments and feedback from the public site: one thing per page, check your answers, and records
made through the complaints service with the right kind, reference, channel, procedure and customer."""

import pytest
from django.test import Client
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import Complaint, FeedbackKind, Procedure
from servicefirst.core.channels import ContactChannel
from servicefirst.customers.models import Customer
from tests.factories import CouncilServiceFactory, UserFactory, make_customer

pytestmark = pytest.mark.django_db

DETAILS = {"first_name": "Mary", "last_name": "Jones", "email": "mary@example.com", "phone": "", "postcode": "E8 1EA"}


def url(slug: str, step: str) -> str:
    return reverse(f"portal:{slug}" if step == "about" else f"portal:{slug}_{step}")


def walk(client: Client, slug: str, *, service=None, summary="Bin missed", details="Three weeks running", you=None):
    client.post(url(slug, "about"), {"council_service": str(service.pk) if service else ""})
    client.post(url(slug, "what"), {"summary": summary, "details": details})
    return client.post(url(slug, "details"), DETAILS if you is None else you)


def submit(client: Client, slug: str, **extra):
    return client.post(url(slug, "check"), {"website": "", **extra})


def test_a_complaint_end_to_end_makes_a_corporate_web_form_complaint_with_a_new_customer():
    service = CouncilServiceFactory(name="Missed bin collection")
    client = Client()
    assert client.get(url("complaint", "about")).status_code == 200
    response = walk(client, "complaint", service=service)
    assert response.url == url("complaint", "check")
    check = client.get(url("complaint", "check")).content.decode()
    assert "Check your answers" in check
    assert "Missed bin collection" in check and "Three weeks running" in check and "mary@example.com" in check
    response = submit(client, "complaint")
    assert response.url == url("complaint", "done")
    complaint = Complaint.objects.get()
    assert complaint.reference.startswith("CMP-")
    assert complaint.kind == FeedbackKind.COMPLAINT
    assert complaint.procedure == Procedure.CORPORATE
    assert complaint.channel == ContactChannel.WEB_FORM
    assert complaint.council_service == service
    assert complaint.current_stage == 1 and complaint.due_on is not None
    assert complaint.recorded_by.username == "portal"
    customer = complaint.customer
    assert (customer.first_name, customer.last_name) == ("Mary", "Jones")
    assert [e.email for e in customer.email_addresses.all()] == ["mary@example.com"]
    done = client.get(url("complaint", "done")).content.decode()
    assert complaint.reference in done
    assert "govuk-panel--confirmation" in done


def test_a_complaint_joins_the_one_customer_with_that_email_and_postcode():
    officer = UserFactory(role=Role.OFFICER)
    mary = make_customer(
        officer, email="mary@example.com", address_line_1="1 Mare St", town="London", postcode="E8 1EA"
    )
    walk(client := Client(), "complaint")
    submit(client, "complaint")
    assert Complaint.objects.get().customer == mary
    assert Customer.objects.count() == 1


@pytest.mark.parametrize("case", ["other_postcode", "two_customers"])
def test_a_complaint_makes_a_new_customer_when_the_match_is_not_certain(case):
    officer = UserFactory(role=Role.OFFICER)
    existing = make_customer(
        officer, email="mary@example.com", address_line_1="1 High St", town="London", postcode="N1 9GU"
    )
    if case == "two_customers":
        make_customer(officer, email="mary@example.com", first_name="Mary", last_name="Jones")
    walk(client := Client(), "complaint", you=DETAILS | ({"postcode": ""} if case == "two_customers" else {}))
    submit(client, "complaint")
    complaint = Complaint.objects.get()
    assert complaint.customer != existing
    assert complaint.customer.last_name == "Jones"


def test_a_compliment_may_be_anonymous():
    client = Client()
    walk(client, "compliment", summary="The crew were lovely", details="", you={})
    assert "Not given" in client.get(url("compliment", "check")).content.decode()
    submit(client, "compliment")
    compliment = Complaint.objects.get()
    assert compliment.reference.startswith("CPL-")
    assert compliment.kind == FeedbackKind.COMPLIMENT
    assert compliment.customer is None
    assert compliment.channel == ContactChannel.WEB_FORM
    assert Customer.objects.count() == 0


def test_feedback_with_details_is_a_comment_with_its_customer():
    walk(client := Client(), "feedback", summary="The website is hard to use", details="")
    submit(client, "feedback")
    comment = Complaint.objects.get()
    assert comment.reference.startswith("CMT-")
    assert comment.kind == FeedbackKind.COMMENT
    assert comment.procedure == Procedure.CORPORATE
    assert comment.customer.last_name == "Jones"


def test_a_complaint_needs_a_name_and_a_way_to_reply_and_keeps_what_was_typed():
    client = Client()
    walk(client, "complaint")
    response = client.post(
        url("complaint", "details"),
        {"first_name": "Mary", "last_name": "", "email": "", "phone": "", "postcode": "e81ea"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter your last name" in page
    assert "Enter an email address or a phone number" in page
    assert 'value="Mary"' in page and 'value="e81ea"' in page
    assert "<title>Error: " in page


def test_what_happened_is_required_for_a_complaint_and_values_stay():
    client = Client()
    client.post(url("complaint", "about"), {"council_service": ""})
    response = client.post(url("complaint", "what"), {"summary": "Rude officer", "details": ""})
    page = response.content.decode()
    assert "Enter what happened" in page
    assert 'value="Rude officer"' in page


def test_a_bad_postcode_or_phone_is_refused_on_the_details_page():
    walk(client := Client(), "feedback", you={})
    response = client.post(
        url("feedback", "details"), {"last_name": "Jones", "phone": "12", "email": "", "postcode": "ZZ99 9ZZQ"}
    )
    page = response.content.decode()
    assert "Enter a phone number" in page
    assert "Enter a real postcode" in page


def test_skipping_ahead_goes_back_to_the_first_page_not_answered():
    client = Client()
    assert client.get(url("complaint", "check")).url == url("complaint", "about")
    client.post(url("complaint", "about"), {"council_service": ""})
    assert client.get(url("complaint", "details")).url == url("complaint", "what")


def test_change_links_return_to_check_your_answers_with_the_answer_filled_in():
    walk(client := Client(), "complaint")
    page = client.get(url("complaint", "what") + "?change=1").content.decode()
    assert 'value="Bin missed"' in page
    response = client.post(url("complaint", "what"), {"summary": "Bin missed again", "details": "x", "change": "1"})
    assert response.url == url("complaint", "check")
    assert "Bin missed again" in client.get(url("complaint", "check")).content.decode()


def test_journeys_do_not_share_answers():
    walk(client := Client(), "complaint")
    assert client.get(url("compliment", "check")).url == url("compliment", "about")


def test_a_filled_honeypot_saves_nothing():
    walk(client := Client(), "complaint")
    response = submit(client, "complaint", website="http://spam.example")
    assert response.status_code == 200
    assert "There is a problem with this form" in response.content.decode()
    assert Complaint.objects.count() == 0
    assert Customer.objects.count() == 0


def test_the_sixth_submission_in_a_minute_gets_429_and_saves_nothing():
    client = Client()
    for _ in range(5):
        walk(client, "compliment", you={})
        assert submit(client, "compliment").status_code == 302
    walk(client, "compliment", you={})
    response = submit(client, "compliment")
    assert response.status_code == 429
    assert Complaint.objects.count() == 5


def test_the_confirmation_page_without_a_submission_goes_to_the_start():
    assert Client().get(url("feedback", "done")).url == url("feedback", "about")
