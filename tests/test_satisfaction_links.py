"""The survey link: signed, expiring, single use, showing nothing about the person; and how it reaches the
customer, in the acknowledgement of a service request raised from their contact."""

import re
import time

import pytest
from django.core import signing
from django.test import Client

from servicefirst.accounts.roles import Role
from servicefirst.notifications.models import MessageChannel, MessageTemplate
from servicefirst.satisfaction.links import SALT, survey_link_url, survey_token_make, survey_token_read
from servicefirst.satisfaction.models import CaptureMethod, SurveyResponse
from tests.factories import UserFactory, make_customer
from tests.factories_satisfaction import call, reason
from tests.factories_servicerequests import make_service_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact():
    officer = UserFactory(role=Role.OFFICER, first_name="Olivia", last_name="Officerson")
    customer = make_customer(officer, first_name="Zebedee", last_name="Quixote", email="zq@example.com")
    return call(officer=officer, customer_id=customer.pk, reason="Council tax arrears letter")


def url(contact, medium="email") -> str:
    return "/survey/" + survey_token_make(contact_id=contact.pk, medium=medium) + "/"


def test_the_page_asks_without_signing_in_and_shows_nothing_about_the_person(contact):
    response = Client().get(url(contact))
    assert response.status_code == 200
    page = response.content.decode()
    assert "How satisfied were you with our service today?" in page
    for personal in ("Zebedee", "Quixote", "Olivia", "Officerson", "arrears", contact.reference):
        assert personal not in page


def test_an_answer_through_an_emailed_link_is_recorded_once(contact):
    link = url(contact)
    response = Client().post(link, {"rating": "4", "comment": "Helpful"})
    assert response.status_code == 302
    assert response["Location"] == "/survey/thanks/"
    saved = SurveyResponse.objects.get()
    assert (saved.contact, saved.rating, saved.captured_by, saved.comment) == (
        contact,
        4,
        CaptureMethod.LINK_EMAIL,
        "Helpful",
    )
    again = Client().post(link, {"rating": "1", "reason_id": reason().pk})
    assert "This survey has already been answered" in again.content.decode()
    assert "already been answered" in Client().get(link).content.decode()
    assert SurveyResponse.objects.get().rating == 4


def test_a_text_message_link_and_the_portal_record_how_they_came(contact):
    Client().post(url(contact, "text"), {"rating": "5"})
    assert SurveyResponse.objects.get().captured_by == CaptureMethod.LINK_TEXT
    other = call()
    Client().post(url(other) + "?via=portal", {"rating": "5"})
    assert SurveyResponse.objects.get(contact=other).captured_by == CaptureMethod.WEB_PORTAL


def test_a_dissatisfied_answer_without_a_reason_shows_the_error_and_keeps_what_was_typed(contact):
    response = Client().post(url(contact), {"rating": "2", "comment": "Nobody called back"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Select the main reason you were dissatisfied" in page
    assert "Nobody called back" in page
    assert not SurveyResponse.objects.exists()


def test_a_link_older_than_its_lifetime_is_refused(contact, settings):
    class SignedFifteenDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 15 * 24 * 60 * 60)

    token = SignedFifteenDaysAgo(salt=SALT).sign_object({"c": contact.pk, "m": "email"}, compress=True)
    link = f"/survey/{token}/"
    response = Client().post(link, {"rating": "5"})
    assert response.status_code == 410
    assert "This survey link has expired" in response.content.decode()
    assert not SurveyResponse.objects.exists()
    settings.SATISFACTION_SURVEY_LINK_DAYS = 30
    assert Client().get(link).status_code == 200


def test_a_tampered_link_is_refused(contact):
    token = survey_token_make(contact_id=contact.pk, medium="email")
    value, signature = token.rsplit(":", 1)
    forged = signing.dumps({"c": call().pk, "m": "email"}, salt="another-salt", compress=True)
    for bad in (f"{value}:{signature[:-2]}xx", forged, "not-a-token"):
        response = Client().post(f"/survey/{bad}/", {"rating": "5"})
        assert response.status_code == 404
        assert "This survey link is not valid" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_link_to_a_contact_that_does_not_exist_is_not_valid():
    token = survey_token_make(contact_id=10**9, medium="email")
    response = Client().post(f"/survey/{token}/", {"rating": "5"})
    assert response.status_code == 404


def test_the_acknowledgement_of_a_request_raised_from_a_contact_carries_the_link(
    contact, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.PUBLIC_BASE_URL = "https://services.example.gov.uk"
    template = MessageTemplate.objects.get(event="service_request.raised", channel=MessageChannel.EMAIL)
    template.body += "\n\nTell us how we did: ((survey_link))"
    template.save()
    with django_capture_on_commit_callbacks(execute=True):
        service_request = make_service_request(
            actor=contact.officer,
            council_service=contact.council_service,
            customer=contact.customer_id,
            contact=contact.pk,
        )
    message = service_request.customer.messages.get()
    found = re.search(r"https://services\.example\.gov\.uk/survey/([^/\s]+)/", message.body)
    assert found, message.body
    assert survey_token_read(token=found.group(1)).contact_id == contact.pk
    assert survey_token_read(token=found.group(1)).captured_by == CaptureMethod.LINK_EMAIL


def test_a_request_not_raised_from_a_contact_gives_no_link_so_a_template_needing_one_is_not_sent(
    contact, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    template = MessageTemplate.objects.get(event="service_request.raised", channel=MessageChannel.EMAIL)
    template.body += "\n\n((survey_link))"
    template.save()
    with django_capture_on_commit_callbacks(execute=True):
        service_request = make_service_request(
            actor=contact.officer, council_service=contact.council_service, customer=contact.customer_id
        )
    message = service_request.customer.messages.get()
    assert message.error == "Missing personalisation: survey_link"


def test_the_link_is_absolute():
    assert survey_link_url(contact_id=1, medium="text").startswith("http")


def test_the_shipped_acknowledgement_invites_the_customer_to_the_survey(
    contact, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        service_request = make_service_request(
            actor=contact.officer,
            council_service=contact.council_service,
            customer=contact.customer_id,
            contact=contact.pk,
        )
    message = service_request.customer.messages.get()
    assert message.error == ""
    assert "How did we do when you contacted us? Tell us in one click: http" in message.body


def test_the_shipped_acknowledgement_without_a_contact_is_sent_without_an_invitation(
    contact, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        service_request = make_service_request(
            actor=contact.officer, council_service=contact.council_service, customer=contact.customer_id
        )
    message = service_request.customer.messages.get()
    assert message.error == ""
    assert "How did we do" not in message.body
    assert "We will email you when it is done.\n\n" in message.body
