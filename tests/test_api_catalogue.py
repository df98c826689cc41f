"""The catalogue over the JSON API: who may read it, what it answers and how it refuses bad input."""

import pytest
from django.test import Client

from servicefirst.accounts.roles import Role
from servicefirst.catalogue.models import FrontOfficeStatus
from tests.factories import ContactPointFactory, CouncilServiceFactory, LgslServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bins(client_service):
    service = CouncilServiceFactory(
        lgsl=LgslServiceFactory(code=524, name="Bins - missed collection"),
        name="Missed bin collection",
        client_service=client_service,
        keywords="rubbish, refuse",
        officer_script="Ask for the address.",
        sla_working_days=5,
    )
    point = ContactPointFactory(label="Waste line", value="+442079460001")
    point.services.add(service)
    ContactPointFactory(label="Old waste line", value="+442079460002", is_active=False).services.add(service)
    return service


@pytest.fixture
def parking(other_client_service):
    return CouncilServiceFactory(
        lgsl=LgslServiceFactory(code=1152, name="Parking permits"),
        client_service=other_client_service,
        status=FrontOfficeStatus.PLANNED,
        transfer_wave=2,
        transfer_priority="High",
    )


def test_the_catalogue_is_in_the_openapi_document():
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert {"/api/catalogue/services", "/api/catalogue/services/{service_id}", "/api/catalogue/lgsl"} <= set(paths)


def test_a_token_is_needed(bins):
    assert Client().get("/api/catalogue/services").status_code == 401
    assert Client().get("/api/catalogue/lgsl/524").status_code == 401


@pytest.mark.parametrize("role", list(Role))
def test_every_role_may_read_the_catalogue_which_holds_no_personal_data(role, api_for, bins):
    response = api_for(role).get("/api/catalogue/services")
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == ["Missed bin collection"]


def test_list_filters_by_status_client_service_and_words(api_for, bins, parking, other_client_service):
    api = api_for(Role.OFFICER)
    assert api.get("/api/catalogue/services").json()["count"] == 2
    planned = api.get("/api/catalogue/services", {"status": "planned"}).json()["items"]
    assert [(s["lgsl_code"], s["transfer_wave"], s["status_label"]) for s in planned] == [
        (1152, 2, "Planned for transfer")
    ]
    by_team = api.get("/api/catalogue/services", {"client_service": other_client_service.pk}).json()["items"]
    assert [s["lgsl_code"] for s in by_team] == [1152]
    assert [s["lgsl_code"] for s in api.get("/api/catalogue/services", {"q": "refuse"}).json()["items"]] == [524]
    assert [s["lgsl_code"] for s in api.get("/api/catalogue/services", {"q": "1152"}).json()["items"]] == [1152]


def test_paging(api_for, bins, parking):
    page = api_for(Role.OFFICER).get("/api/catalogue/services", {"limit": 1, "offset": 1}).json()
    assert (page["count"], page["limit"], page["offset"], len(page["items"])) == (2, 1, 1, 1)


def test_one_service_carries_what_officers_and_channels_need(api_for, bins):
    body = api_for(Role.OFFICER).get(f"/api/catalogue/services/{bins.pk}").json()
    assert body["lgsl_code"] == 524
    assert body["sla_working_days"] == 5
    assert body["officer_script"] == "Ask for the address."
    assert body["keywords"] == ["rubbish", "refuse"]
    assert [point["label"] for point in body["contact_points"]] == ["Waste line"]


def test_lgsl_search_and_detail_link_to_the_council_service(api_for, bins):
    api = api_for(Role.OFFICER)
    LgslServiceFactory(code=372, name="Abandoned vehicles")
    assert [s["code"] for s in api.get("/api/catalogue/lgsl", {"q": "bins"}).json()["items"]] == [524]
    assert api.get("/api/catalogue/lgsl/524").json()["council_service_id"] == bins.pk
    assert api.get("/api/catalogue/lgsl/372").json()["council_service_id"] is None


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/catalogue/services", {"status": "closed"}, "status"),
        ("/api/catalogue/services", {"limit": 0}, "limit"),
        ("/api/catalogue/services", {"limit": "many"}, "limit"),
        ("/api/catalogue/services", {"client_service": 2**70}, "client_service"),
        ("/api/catalogue/services", {"q": "x" * 101}, "q"),
        ("/api/catalogue/lgsl", {"offset": -1}, "offset"),
        ("/api/catalogue/services/0", {}, "service_id"),
        ("/api/catalogue/lgsl/abc", {}, "code"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(api_for, url, params, field):
    response = api_for(Role.OFFICER).get(url, params)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]


def test_unknown_records_are_404_with_a_message(api_for):
    api = api_for(Role.OFFICER)
    assert api.get("/api/catalogue/services/999999").status_code == 404
    missing = api.get(f"/api/catalogue/lgsl/{2**63 - 1}")
    assert missing.status_code == 404
    assert "no LGSL service" in missing.json()["errors"][0]["message"]
