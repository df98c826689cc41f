"""Where GeoReport v2 leaves a choice or sets a limit, Open311 answers as `docs/RULES.md` reads the spec: a
description is optional and at most 4,000 characters, address_id (the UPRN) is a location, and a search spans at
most 90 days. Over HTTP with Django's test client, in both formats."""

import datetime

import pytest
import time_machine

from servicefirst.accounts.roles import Role
from servicefirst.accounts.services import api_token_create
from servicefirst.servicerequests.selectors import service_request_get, service_request_public_list
from tests.factories import CouncilServiceFactory, LgslServiceFactory
from tests.factories_open311 import BIN_FORM, xml_of
from tests.factories_servicerequests import make_service_request, missed_bin_service

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)
UPRN = "100021234567"
# Fly-tipping reported by its UPRN alone: no coordinates, address or attributes.
BY_UPRN = {
    "service_code": "559",
    "lat": None,
    "long": None,
    "address_string": None,
    "attribute[bin_type]": None,
    "attribute[collection_day]": None,
}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def bins(client_service):
    return missed_bin_service(client_service=client_service)


@pytest.fixture
def fly_tipping(client_service):
    """A service with no questions, so the location is all a partner app need send."""
    return CouncilServiceFactory(lgsl=LgslServiceFactory(code=559, name="Fly-tipping"), client_service=client_service)


@pytest.fixture
def key(staff):
    return api_token_create(user=staff[Role.OFFICER], name="fixmystreet", scopes=["open311:write"])[1]


def _post(client, key, fmt="json", **changes):
    form = {"api_key": key, **BIN_FORM, **changes}
    return client.post(f"/open311/v2/requests.{fmt}", {k: v for k, v in form.items() if v is not None})


def _error(response, fmt: str, status: int) -> str:
    """The one error in the spec's error list, in the format asked for."""
    assert response.status_code == status, response.content
    if fmt == "xml":
        root = xml_of(response)
        assert root.tag == "errors"
        [error] = root.findall("error")
        assert error.findtext("code") == str(status)
        return error.findtext("description")
    [error] = response.json()
    assert error["code"] == status
    return error["description"]


def test_a_request_without_a_description_says_what_it_is_and_publishes_none(client, key, bins):
    response = _post(client, key, description=None)
    assert response.status_code == 201, response.content
    reference = response.json()[0]["service_request_id"]
    # Officers read the description first in the queue, so it says what came in rather than being blank.
    service_request = service_request_get(reference=reference)
    assert service_request.description == (
        "Missed bin collection: reported through a partner app (Open311) without a description"
    )
    # The reporter wrote none, so none is published as theirs.
    [read] = client.get(f"/open311/v2/requests/{reference}.json").json()
    assert read["description"] == ""
    assert xml_of(client.get(f"/open311/v2/requests/{reference}.xml")).findtext("request/description") == ""


def test_a_blank_description_is_no_description(client, key, bins):
    response = _post(client, key, description="  \n ")
    assert response.status_code == 201, response.content
    reference = response.json()[0]["service_request_id"]
    assert service_request_get(reference=reference).description.endswith("without a description")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_description_over_4000_characters_is_refused(client, key, bins, fmt):
    response = _post(client, key, fmt=fmt, description="x" * 4001)
    assert _error(response, fmt, 400) == "description: must be 4000 characters or fewer"
    assert not service_request_public_list().exists()


def test_a_description_of_4000_characters_with_line_breaks_is_kept_as_sent(client, key, bins):
    description = "Bin not emptied.\nLid left open." + "x" * (4000 - 31)
    response = _post(client, key, description=description)
    assert response.status_code == 201, response.content
    reference = response.json()[0]["service_request_id"]
    assert service_request_get(reference=reference).description == description
    assert client.get(f"/open311/v2/requests/{reference}.json").json()[0]["description"] == description


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_address_id_alone_is_a_location_kept_as_the_uprn_and_read_back(client, key, fly_tipping, fmt):
    response = _post(client, key, fmt=fmt, **BY_UPRN, address_id=UPRN)
    assert response.status_code == 201, response.content
    if fmt == "xml":
        reference = xml_of(response).findtext("request/service_request_id")
    else:
        reference = response.json()[0]["service_request_id"]
    [read] = client.get(f"/open311/v2/requests/{reference}.json").json()
    assert (read["address_id"], read["address"], read["lat"]) == (UPRN, "", None)
    assert xml_of(client.get(f"/open311/v2/requests/{reference}.xml")).findtext("request/address_id") == UPRN
    assert client.get("/open311/v2/requests.json").json()[0]["address_id"] == UPRN


def test_a_service_that_asks_for_the_address_still_needs_it_with_address_id(client, key, bins):
    # A UPRN is not turned into an address here, so the service's own address question must still be answered.
    response = _post(client, key, lat=None, long=None, address_string=None, address_id=UPRN)
    assert _error(response, "json", 400) == "attribute[address]: Answer the question: Address"
    form = {"attribute[address]": "10 Mare Street, London, E8 1EA"}
    response = _post(client, key, lat=None, long=None, address_string=None, address_id=UPRN, **form)
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("address_id", ["1000212345678", "UPRN 100021234567", "10002123-4567", "١٠٠٠٢١"])
def test_a_malformed_address_id_is_refused(client, key, fly_tipping, fmt, address_id):
    response = _post(client, key, fmt=fmt, **BY_UPRN, address_id=address_id)
    assert _error(response, fmt, 400) == "address_id: give the property's UPRN, a number of up to 12 digits"
    assert not service_request_public_list().exists()


def _listed(client, **params) -> list[str]:
    response = client.get("/open311/v2/requests.json", params)
    assert response.status_code == 200, response.content
    return [row["service_request_id"] for row in response.json()]


@pytest.fixture
def received(fly_tipping):
    """Requests received in June, August and September: 80 and 101 days after the first."""
    days = {"june": (2026, 6, 1), "august": (2026, 8, 20), "september": (2026, 9, 10)}
    return {
        name: make_service_request(
            council_service=fly_tipping, received_at=datetime.datetime(*day, 10, tzinfo=datetime.UTC)
        ).reference
        for name, day in days.items()
    }


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_search_over_90_days_is_refused(client, received, fmt):
    response = client.get(
        f"/open311/v2/requests.{fmt}", {"start_date": "2026-06-01T00:00:00Z", "end_date": "2026-08-30T00:00:01Z"}
    )
    assert _error(response, fmt, 400) == (
        "end_date: must be no more than 90 days after start_date; search a longer time in parts"
    )


def test_a_search_of_exactly_90_days_is_answered(client, received):
    assert _listed(client, start_date="2026-06-01T00:00:00Z", end_date="2026-08-30T00:00:00Z") == [
        received["august"],
        received["june"],
    ]


def test_90_days_are_counted_on_the_london_calendar_across_the_clock_change(client, received):
    # From midnight on 1 September (BST) to midnight on 30 November (GMT) is 90 days and an hour.
    assert _listed(client, start_date="2026-09-01", end_date="2026-11-30") == [received["september"]]


def test_a_start_date_alone_searches_the_90_days_from_it(client, received):
    assert _listed(client, start_date="2026-06-01T00:00:00Z") == [received["august"], received["june"]]


def test_an_end_date_alone_searches_the_90_days_to_it(client, received):
    assert _listed(client, end_date="2026-09-15T00:00:00Z") == [received["september"], received["august"]]


def test_with_neither_the_last_90_days_are_searched(client, fly_tipping):
    inside = make_service_request(council_service=fly_tipping, received_at=NOW - datetime.timedelta(days=89))
    make_service_request(council_service=fly_tipping, received_at=NOW - datetime.timedelta(days=91))
    assert _listed(client) == [inside.reference]


def test_asked_for_by_id_a_request_of_any_age_is_found(client, received):
    assert _listed(client, service_request_id=received["june"], start_date="2026-11-01") == [received["june"]]
