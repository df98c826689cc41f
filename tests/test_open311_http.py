"""Open311 GeoReport v2 through an independent client over real HTTP: the `requests` library against a live
server, reading JSON with `json` and XML with ElementTree, as a partner app such as FixMyStreet would."""

import pytest
import requests

from servicefirst.accounts.roles import Role
from servicefirst.accounts.services import api_token_create
from servicefirst.servicerequests.models import RequestChannel
from servicefirst.servicerequests.selectors import service_request_get, service_request_queue
from servicefirst.servicerequests.services import service_request_note_add, service_request_status_update
from tests.factories import CouncilServiceFactory, LgslServiceFactory, make_customer
from tests.factories_open311 import BIN_FORM, xml_of
from tests.factories_servicerequests import make_service_request, missed_bin_service

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def bins(client_service):
    return missed_bin_service(client_service=client_service)


@pytest.fixture
def key(staff):
    return api_token_create(user=staff[Role.OFFICER], name="fixmystreet", scopes=["open311:write"])[1]


@pytest.fixture
def url(live_server):
    return lambda path: f"{live_server.url}/open311/v2/{path}"


def _post(url, key, fmt="json", **changes):
    form = {"api_key": key, **BIN_FORM, **changes}
    return requests.post(url(f"requests.{fmt}"), data={k: v for k, v in form.items() if v is not None}, timeout=10)


def test_discovery_and_services_in_both_formats(url, bins):
    CouncilServiceFactory(lgsl=LgslServiceFactory(code=1), sla_working_days=None)
    discovery = requests.get(url("discovery.json"), timeout=10).json()
    assert discovery["endpoints"][0]["url"].endswith("/open311/v2/")
    assert "application/json" in discovery["endpoints"][0]["formats"]
    assert xml_of(requests.get(url("discovery.xml"), timeout=10)).find("endpoints/endpoint/formats/format") is not None

    services = requests.get(url("services.json"), timeout=10).json()
    # A service with no service level agreement takes no requests, so it is not offered.
    assert [s["service_code"] for s in services] == ["524"]
    assert services[0] | {"description": None} == {
        "service_code": "524",
        "service_name": "Missed bin collection",
        "description": None,
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": "Waste and recycling",
    }
    service = xml_of(requests.get(url("services.xml"), timeout=10)).find("service")
    assert service.findtext("service_code") == "524"
    assert service.findtext("metadata") == "true"


def test_service_definition_lists_the_question_set_as_attributes(url, bins):
    definition = requests.get(url("services/524.json"), timeout=10).json()
    attributes = {a["code"]: a for a in definition["attributes"]}
    assert list(attributes) == ["address", "bin_type", "collection_day", "bin_out_by_7"]
    assert attributes["bin_type"]["datatype"] == "singlevaluelist"
    assert {"key": "Recycling (blue)", "name": "Recycling (blue)"} in attributes["bin_type"]["values"]
    assert attributes["collection_day"]["datatype"] == "datetime"
    assert attributes["bin_out_by_7"]["required"] is False
    assert attributes["address"]["datatype"] == "string"

    root = xml_of(requests.get(url("services/524.xml"), timeout=10))
    assert root.tag == "service_definition"
    codes = [a.findtext("code") for a in root.iterfind("attributes/attribute")]
    assert codes == ["address", "bin_type", "collection_day", "bin_out_by_7"]
    assert root.find("attributes/attribute[code='bin_type']/values/value/key").text == "Refuse (black)"


def test_a_posted_request_is_an_ordinary_request_in_the_queue(url, key, bins, client_service, staff):
    customer = make_customer(email="resident@example.com")
    response = _post(url, key)
    assert response.status_code == 201, response.text
    [answer] = response.json()
    assert answer["service_request_id"].startswith("SR-")
    assert answer["account_id"] is None
    assert "We aim to deal with this by" in answer["service_notice"]

    service_request = service_request_get(reference=answer["service_request_id"])
    queue = service_request_queue(viewer=staff[Role.CLIENT_SERVICE_OFFICER], client_service_id=client_service.pk)
    assert service_request in queue
    assert service_request.channel == RequestChannel.WEB_FORM
    assert service_request.raised_by == staff[Role.OFFICER]
    # The address attribute was left out, so address_string answered the address question.
    assert service_request.answers == {
        "address": {"line_1": "10 Mare Street", "line_2": "", "town": "London", "postcode": "E8 1EA"},
        "bin_type": "Recycling (blue)",
        "collection_day": "2026-11-20",
    }
    # The email matched exactly one customer, whatever its case.
    assert service_request.customer == customer


def test_an_unknown_email_makes_no_customer(url, key, bins):
    response = _post(url, key, fmt="xml", email="stranger@example.com")
    assert response.status_code == 201
    reference = xml_of(response).findtext("request/service_request_id")
    assert service_request_get(reference=reference).customer is None


def test_read_back_and_list_in_json_and_xml_without_personal_data(url, key, bins, staff):
    reference = _post(url, key).json()[0]["service_request_id"]
    service_request = service_request_get(reference=reference)
    officer = staff[Role.TEAM_MANAGER]
    service_request_status_update(
        actor=officer, request_id=service_request.pk, status="resolved", note="Crew returned and emptied the bin"
    )
    # The latest note is internal, so the customer's latest update is the one before it.
    service_request_note_add(actor=officer, request_id=service_request.pk, note="Caller sounded upset, see CCTV")

    [read] = requests.get(url(f"requests/{reference}.json"), timeout=10).json()
    assert read["status"] == "closed"
    assert read["status_notes"] == "Crew returned and emptied the bin"
    assert read["service_code"] == "524"
    assert read["agency_responsible"] == "Waste and recycling"
    assert read["description"] == "Blue bin not emptied on Friday"
    assert (read["lat"], read["long"]) == (51.5459, -0.0553)
    assert read["address"] == "10 Mare Street, London, E8 1EA"
    assert read["expected_datetime"].startswith(service_request.due_on.isoformat())

    xml = requests.get(url(f"requests/{reference}.xml"), timeout=10)
    assert xml_of(xml).findtext("request/status") == "closed"
    assert xml_of(xml).findtext("request/service_request_id") == reference
    for response_text in (xml.text, requests.get(url("requests.json"), timeout=10).text):
        for private in ("CCTV", "Jane", "Doe", "resident@example.com", "Resident@Example.com", "07700"):
            assert private not in response_text

    token = requests.get(url(f"tokens/{reference}.json"), timeout=10).json()
    assert token == [{"service_request_id": reference, "token": reference}]


def test_list_filters(url, key, bins, client_service):
    other = CouncilServiceFactory(lgsl=LgslServiceFactory(code=559, name="Fly-tipping"), client_service=client_service)
    first = _post(url, key).json()[0]["service_request_id"]
    phoned = make_service_request(council_service=other, description="Mattress dumped, caller Mr Brown")

    def listed(**params):
        return [r["service_request_id"] for r in requests.get(url("requests.json"), params=params, timeout=10).json()]

    assert set(listed()) == {first, phoned.reference}
    assert listed(service_code="524") == [first]
    assert listed(service_request_id=f"{phoned.reference}, SR-1999-000001") == [phoned.reference]
    assert listed(status="closed") == []
    assert set(listed(status="open,closed")) == {first, phoned.reference}
    assert listed(start_date="2001-01-01T00:00:00Z", end_date="2001-03-31T00:00:00Z") == []
    # A request officers raised shows no description: what was typed on a call may name the caller.
    [row] = requests.get(url(f"requests/{phoned.reference}.json"), timeout=10).json()
    assert row["description"] == "" and row["lat"] is None
    xml = xml_of(requests.get(url("requests.xml"), params={"service_code": "559"}, timeout=10))
    assert [r.findtext("service_request_id") for r in xml.iterfind("request")] == [phoned.reference]


def test_a_datetime_attribute_is_the_day_in_london(url, key, bins):
    # 23:30 UTC on 20 July is 00:30 on 21 July in London, the day the resident means.
    response = _post(url, key, **{"attribute[collection_day]": "2026-07-20T23:30:00Z"})
    reference = response.json()[0]["service_request_id"]
    assert service_request_get(reference=reference).answers["collection_day"] == "2026-07-21"
