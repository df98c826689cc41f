"""/api/satisfaction/responses: read answers (filtered and paged) and record one from an IVR post-call survey."""

import json

import pytest

from servicefirst.accounts.roles import Role
from servicefirst.satisfaction.models import CaptureMethod, SurveyResponse
from tests.factories import SiteFactory
from tests.factories_satisfaction import answer, call, reason, visit

pytestmark = pytest.mark.django_db

URL = "/api/satisfaction/responses"


def post(client, body):
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_an_ivr_answer_is_recorded_with_201(api_for, staff):
    contact = call()
    response = post(api_for(Role.OFFICER), {"contact_id": contact.pk, "rating": 4})
    assert response.status_code == 201
    data = response.json()
    assert (data["contact_id"], data["rating"], data["satisfied"], data["captured_by"]) == (contact.pk, 4, True, "ivr")
    saved = SurveyResponse.objects.get()
    assert (saved.captured_by, saved.recorded_by) == (CaptureMethod.IVR, staff[Role.OFFICER])


def test_a_second_answer_answers_422_naming_the_contact(api_for):
    contact = call()
    api = api_for(Role.OFFICER)
    post(api, {"contact_id": contact.pk, "rating": 4})
    response = post(api, {"contact_id": contact.pk, "rating": 5})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "contact_id", "message": "This contact already has a satisfaction answer"}
    ]


def test_a_dissatisfied_answer_without_a_reason_answers_422_naming_the_reason(api_for):
    response = post(api_for(Role.OFFICER), {"contact_id": call().pk, "rating": 1})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "reason_id", "message": "Select the main reason you were dissatisfied"}
    ]
    ok = post(api_for(Role.OFFICER), {"contact_id": call().pk, "rating": 1, "reason_id": reason().pk})
    assert ok.status_code == 201


def test_malformed_bodies_and_kiosk_captures_answer_422(api_for):
    api = api_for(Role.OFFICER)
    response = post(api, {"contact_id": "abc", "rating": 4})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "contact_id"
    kiosk = post(api, {"contact_id": call().pk, "rating": 4, "captured_by": "kiosk"})
    assert kiosk.status_code == 422
    assert kiosk.json()["errors"][0]["field"] == "captured_by"
    assert not SurveyResponse.objects.exists()


def test_councillors_may_neither_record_nor_list(api_for):
    assert post(api_for(Role.COUNCILLOR), {"contact_id": call().pk, "rating": 4}).status_code == 403
    assert api_for(Role.COUNCILLOR).get(URL).status_code == 403
    assert api_for(Role.OFFICER).get(URL).status_code == 403


def test_listing_filters_by_site_and_pages(api_for):
    hornsey = SiteFactory()
    first = answer(visit(site=hornsey), 5)
    answer(visit(site=hornsey), 2)
    answer(call(), 4)
    api = api_for(Role.TEAM_MANAGER)
    data = api.get(URL, {"site": hornsey.pk, "limit": 1}).json()
    assert (data["count"], len(data["results"])) == (2, 1)
    assert data["results"][0]["id"] == first.pk
    assert api.get(URL).json()["count"] == 3
    assert api.get(URL, {"date_from": "2001-01-01", "date_to": "2001-01-31"}).json()["count"] == 0
    bad = api.get(URL, {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "date_to"
