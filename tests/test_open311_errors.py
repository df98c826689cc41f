"""Bad Open311 requests get the spec's error list with a 4xx status, in the format asked for, never a 500,
and raise nothing."""

import pytest
import requests

from servicefirst.accounts.roles import Role
from servicefirst.accounts.services import api_token_create
from servicefirst.servicerequests.selectors import service_request_public_list
from tests.factories_open311 import BIN_FORM, xml_of
from tests.factories_servicerequests import missed_bin_service

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def bins(client_service):
    return missed_bin_service(client_service=client_service)


@pytest.fixture
def keys(staff):
    return {
        role: api_token_create(user=staff[role], name="test", scopes=["open311:write"])[1]
        for role in (Role.OFFICER, Role.COUNCILLOR)
    }


@pytest.fixture
def base(live_server):
    return f"{live_server.url}/open311/v2/"


def _errors(response, status: int) -> list[str]:
    assert response.status_code == status, response.text
    errors = response.json()
    assert all(error["code"] == status for error in errors)
    return [error["description"] for error in errors]


@pytest.mark.parametrize(
    ("changes", "status", "expected"),
    [
        ({"api_key": None}, 400, "api_key: send the API key"),
        ({"api_key": "not-a-key"}, 403, "api_key: the API key is not valid"),
        ({"service_code": "999"}, 404, "service_code: no service has the code 999"),
        ({"service_code": "bins"}, 404, "service_code: no service has the code bins"),
        ({"service_code": None}, 400, "service_code: say which service"),
        ({"attribute[bin_type]": None}, 400, "attribute[bin_type]: Answer the question: Which bin was missed?"),
        ({"attribute[bin_type]": "Purple"}, 400, "attribute[bin_type]: Which bin was missed?: select one of"),
        ({"attribute[collection_day]": "last Friday"}, 400, "attribute[collection_day]: When should it"),
        ({"attribute[colour]": "red"}, 400, "attribute[colour]: This service has no question called colour"),
        ({"lat": "91", "long": "0"}, 400, "lat: give a number from -90 to 90"),
        ({"lat": "north", "long": "0"}, 400, "lat: give a number from -90 to 90"),
        ({"lat": "nan", "long": "1e999"}, 400, "long: give a number from -180 to 180"),
        ({"long": None}, 400, "lat, long: give both"),
        ({"lat": None, "long": None, "address_string": None}, 400, "lat, long: give the location"),
        ({"address_string": "Somewhere"}, 400, "attribute[address]: Address: enter the town or city"),
        ({"email": "not an email"}, 400, "email: give an email address"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url: give a web address"),
        ({"first_name": "x" * 101}, 400, "first_name: must be 100 characters or fewer"),
        ({"first_name": "Ja\x00ne"}, 400, "first_name: Remove the control character (such as a NUL byte)"),
    ],
)
def test_bad_posts_name_the_field(base, keys, bins, changes, status, expected):
    changes = {"api_key": keys[Role.OFFICER]} | changes
    descriptions = _errors(_post_with(base, changes), status)
    assert any(description.startswith(expected) for description in descriptions), descriptions
    assert not service_request_public_list().exists()


def _post_with(base, changes):
    form = {**BIN_FORM, **changes}
    return requests.post(f"{base}requests.json", data={k: v for k, v in form.items() if v is not None}, timeout=10)


def test_every_wrong_field_is_named_at_once(base, keys, bins):
    response = _post_with(
        base, {"api_key": keys[Role.OFFICER], "email": "nope", "attribute[bin_type]": "", "lat": "100"}
    )
    descriptions = " | ".join(_errors(response, 400))
    assert "email:" in descriptions and "attribute[bin_type]:" in descriptions and "lat:" in descriptions


def test_a_key_whose_user_may_not_raise_requests_is_refused(base, keys, bins):
    descriptions = _errors(_post_with(base, {"api_key": keys[Role.COUNCILLOR]}), 403)
    assert descriptions == ["api_key: this API key may not raise service requests"]
    assert not service_request_public_list().exists()


def test_errors_in_xml(base, bins):
    response = requests.post(f"{base}requests.xml", data={"api_key": "wrong", **BIN_FORM}, timeout=10)
    assert response.status_code == 403
    root = xml_of(response)
    assert root.tag == "errors"
    assert root.findtext("error/code") == "403"
    assert root.findtext("error/description") == "api_key: the API key is not valid, or it has expired"


@pytest.mark.parametrize(
    ("path", "status", "expected"),
    [
        ("requests.json?start_date=yesterday", 400, "start_date: give a date and time"),
        ("requests.json?end_date=2026-13-45T00:00:00Z", 400, "end_date: give a date and time"),
        ("requests.json?start_date=2026-11-02&end_date=2026-11-01", 400, "start_date: must be before end_date"),
        ("requests.json?status=pending", 400, "status: give open, closed"),
        ("requests.json?service_code=bins", 400, "service_code: service codes are numbers"),
        ("requests.json?jurisdiction_id=elsewhere.example", 404, "jurisdiction_id: this endpoint serves"),
        ("requests/SR-2026-999999.json", 404, "service_request_id: no request has the id"),
        ("tokens/nothing.json", 404, "token: no request has the token"),
        ("services/999.json", 404, "service_code: no service has the code 999"),
        ("services/524.csv", 404, "format: ask for .json or .xml"),
        ("requests.json?service_request_id=SR%00", 400, "service_request_id: Remove the control character"),
        ("requests/SR-2026%00.json", 400, "service_request_id: Remove the control character"),
        ("services/5%0124.json", 400, "service_code: Remove the control character"),
        ("tokens/%7F.json", 400, "token: Remove the control character"),
    ],
)
def test_bad_reads(base, bins, path, status, expected):
    descriptions = _errors(requests.get(base + path, timeout=10), status)
    assert descriptions[0].startswith(expected), descriptions


def test_wrong_method(base, bins):
    response = requests.delete(f"{base}requests.json", timeout=10)
    assert _errors(response, 405) == ["method: use GET or POST"]
    assert response.headers["Allow"] == "GET, POST"


def test_the_right_jurisdiction_is_accepted(base, bins, settings):
    settings.OPEN311_JURISDICTION_ID = "hackney.example"
    assert requests.get(f"{base}services.json?jurisdiction_id=hackney.example", timeout=10).status_code == 200
    assert requests.get(f"{base}services.json?jurisdiction_id=demo-borough.example", timeout=10).status_code == 404


def test_administrators_read_what_a_partner_sent_but_cannot_change_it(staff, client_for):
    admin_client = client_for(staff[Role.ADMINISTRATOR])
    assert admin_client.get("/staff/admin/open311/open311submission/").status_code == 200
    assert admin_client.get("/staff/admin/open311/open311submission/add/").status_code == 403
    assert client_for(staff[Role.OFFICER]).get("/staff/admin/open311/open311submission/").status_code == 302


def test_a_client_over_its_rate_is_told_in_the_spec_format_and_nothing_is_raised(base, keys, bins, settings):
    settings.OPEN311_RATE_POST = "2/m"
    form = {"api_key": keys[Role.OFFICER], **BIN_FORM}
    answers = [requests.post(f"{base}requests.json", data=form, timeout=10) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [201, 201, 429]
    assert _errors(answers[2], 429) == ["rate: more than 2/m requests; wait and try again"]
    assert service_request_public_list(council_service_ids=[bins.pk]).count() == 2


def test_reads_have_their_own_rate(base, bins, settings):
    settings.OPEN311_RATE_GET = "1/m"
    assert requests.get(f"{base}services.json", timeout=10).status_code == 200
    assert _errors(requests.get(f"{base}services.json", timeout=10), 429)
