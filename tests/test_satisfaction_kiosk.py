"""The kiosk: bound to its site by a device token, asking about the visit that just ended there, never
showing who that was; and the staff pages that register, start and revoke kiosks."""

import hashlib

import pytest
from django.conf import settings
from django.test import Client

from servicefirst.accounts.roles import Role
from servicefirst.satisfaction.models import CaptureMethod, KioskDevice, SurveyResponse
from servicefirst.satisfaction.views_public import KIOSK_COOKIE
from tests.factories import SiteFactory, UserFactory, make_customer
from tests.factories_satisfaction import kiosk, reason, visit

pytestmark = pytest.mark.django_db

KIOSK = "/kiosk/"


@pytest.fixture
def site():
    return SiteFactory(name="Hornsey Customer Service Centre")


def kiosk_client(token: str) -> Client:
    """A browser started as the kiosk the way a manager starts one, holding only the signed cookie."""
    manager = Client()
    manager.force_login(UserFactory(role=Role.TEAM_MANAGER))
    started = manager.post("/staff/satisfaction/kiosks/start/", {"token": token})
    client = Client()
    client.cookies[KIOSK_COOKIE] = started.cookies[KIOSK_COOKIE].value
    return client


def named_visit(site, **fields):
    officer = UserFactory(role=Role.OFFICER, first_name="Olivia", last_name="Officerson")
    customer = make_customer(officer, first_name="Zebedee", last_name="Quixote")
    return visit(site=site, officer=officer, customer_id=customer.pk, reason="Housing benefit claim", **fields)


def test_without_a_device_token_the_kiosk_asks_nothing(site):
    named_visit(site)
    response = Client().get(KIOSK)
    assert response.status_code == 403
    assert "This kiosk is not set up" in response.content.decode()
    assert Client().post(KIOSK, {"rating": "5"}).status_code == 403
    _, token = kiosk(site=site)
    tampered = kiosk_client(token)
    value = tampered.cookies[KIOSK_COOKIE].value
    tampered.cookies[KIOSK_COOKIE] = value.replace(token, token[::-1])
    assert tampered.post(KIOSK, {"rating": "5"}).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_the_kiosk_shows_the_question_and_no_personal_data(site):
    contact = named_visit(site)
    _, token = kiosk(site=site)
    page = kiosk_client(token).get(KIOSK).content.decode()
    assert "How satisfied were you with our service today?" in page
    for personal in ("Zebedee", "Quixote", "Olivia", "Officerson", "Housing benefit", contact.reference):
        assert personal not in page


def test_an_answer_goes_to_the_latest_unanswered_visit_at_the_kiosk_site(site):
    earlier = named_visit(site, ended_minutes_ago=10)
    latest = named_visit(site, ended_minutes_ago=1)
    named_visit(SiteFactory(), ended_minutes_ago=0.5)
    device, token = kiosk(site=site)
    client = kiosk_client(token)
    response = client.post(KIOSK, {"rating": "5"})
    page = response.content.decode()
    assert "Thank you" in page
    assert "Zebedee" not in page
    saved = SurveyResponse.objects.get()
    assert (saved.contact, saved.captured_by, saved.kiosk) == (latest, CaptureMethod.KIOSK, device)
    client.post(KIOSK, {"rating": "4"})
    assert SurveyResponse.objects.get(contact=earlier).rating == 4
    assert KioskDevice.objects.get(pk=device.pk).last_used_at is not None


def test_with_no_recent_visit_the_kiosk_records_nothing_and_says_thank_you(site, settings):
    named_visit(site, ended_minutes_ago=45)
    phone = named_visit(SiteFactory())
    _, token = kiosk(site=site)
    response = kiosk_client(token).post(KIOSK, {"rating": "5"})
    assert "Thank you" in response.content.decode()
    assert not SurveyResponse.objects.exists()
    settings.SATISFACTION_KIOSK_WINDOW_MINUTES = 60
    kiosk_client(token).post(KIOSK, {"rating": "5"})
    assert SurveyResponse.objects.get().contact.site == site
    assert phone.survey_responses.count() == 0


def test_a_dissatisfied_visitor_picks_a_reason_and_the_answer_stays_with_their_visit(site):
    theirs = named_visit(site, ended_minutes_ago=2)
    _, token = kiosk(site=site)
    client = kiosk_client(token)
    first = client.post(KIOSK, {"rating": "1"})
    page = first.content.decode()
    assert "What was the main reason you were dissatisfied?" in page
    assert "There is a problem" not in page
    assert not SurveyResponse.objects.exists()
    visit_token = page.split('name="visit" value="', 1)[1].split('"', 1)[0]
    named_visit(site, ended_minutes_ago=0.5)
    missing = client.post(KIOSK, {"rating": "1", "visit": visit_token})
    assert "Select the main reason you were dissatisfied" in missing.content.decode()
    done = client.post(
        KIOSK, {"rating": "1", "visit": visit_token, "reason_id": reason().pk, "comment": "Queue was long"}
    )
    assert "Thank you" in done.content.decode()
    saved = SurveyResponse.objects.get()
    assert (saved.contact, saved.rating, saved.reason, saved.comment) == (theirs, 1, reason(), "Queue was long")


def test_a_forged_visit_is_ignored(site):
    named_visit(site)
    _, token = kiosk(site=site)
    kiosk_client(token).post(KIOSK, {"rating": "1", "visit": "123:forged", "reason_id": reason().pk})
    assert not SurveyResponse.objects.exists()


def test_a_revoked_kiosk_is_refused(site, staff, client_for):
    named_visit(site)
    device, token = kiosk(site=site)
    lost = kiosk_client(token)
    manager = client_for(staff[Role.TEAM_MANAGER])
    manager.post(f"/staff/satisfaction/kiosks/{device.pk}/revoke/")
    assert KioskDevice.objects.get().revoked_by == staff[Role.TEAM_MANAGER]
    assert lost.post(KIOSK, {"rating": "5"}).status_code == 403
    assert "This kiosk is not set up" in lost.get(KIOSK).content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_manager_registers_a_kiosk_sees_the_token_once_and_starts_it_which_signs_them_out(site, staff, client_for):
    manager = client_for(staff[Role.TEAM_MANAGER])
    response = manager.post("/staff/satisfaction/kiosks/", {"site_id": site.pk, "name": "Reception"})
    page = response.content.decode()
    token = page.split('id="kiosk-token">', 1)[1].split("<", 1)[0]
    device = KioskDevice.objects.get()
    assert device.site == site
    assert device.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in device.token_hash
    assert token not in manager.get("/staff/satisfaction/kiosks/").content.decode()
    started = manager.post("/staff/satisfaction/kiosks/start/", {"token": token})
    assert started["Location"] == KIOSK
    assert started.cookies[KIOSK_COOKIE]["httponly"]
    assert manager.get("/staff/").status_code == 302
    named_visit(site)
    assert manager.post(KIOSK, {"rating": "5"}).status_code == 200
    assert SurveyResponse.objects.get().kiosk == device


def test_registering_needs_a_site_and_a_name_and_a_valid_token_to_start(site, staff, client_for):
    manager = client_for(staff[Role.TEAM_MANAGER])
    response = manager.post("/staff/satisfaction/kiosks/", {"site_id": "", "name": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select the site the kiosk stands in" in page
    assert "Enter where the kiosk stands" in page
    wrong = manager.post("/staff/satisfaction/kiosks/start/", {"token": "nope"})
    assert "That token does not belong to an active kiosk" in wrong.content.decode()
    assert KIOSK_COOKIE not in wrong.cookies


@pytest.mark.parametrize("role", [Role.OFFICER, Role.COUNCILLOR, Role.CLIENT_SERVICE_OFFICER])
def test_only_managers_register_kiosks(site, staff, client_for, role):
    client = client_for(staff[role])
    assert client.get("/staff/satisfaction/kiosks/").status_code == 403
    assert client.post("/staff/satisfaction/kiosks/", {"site_id": site.pk, "name": "Reception"}).status_code == 403
    assert not KioskDevice.objects.exists()


def test_the_cookie_is_signed_so_a_raw_token_is_not_enough(site):
    named_visit(site)
    _, token = kiosk(site=site)
    raw = Client()
    raw.cookies[KIOSK_COOKIE] = token
    assert raw.post(KIOSK, {"rating": "5"}).status_code == 403
    assert settings.SESSION_COOKIE_NAME != KIOSK_COOKIE
