"""Schemathesis over the whole OpenAPI document (issue 15): every operation, fed examples generated from its own
schema (valid and invalid), must never answer 5xx and must answer only as the document says (status, content type,
body and headers). Bounded examples and a fixed seed, so the run is the same each time and quick enough for every
`make test`."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS as CHECKS_REGISTRY
from schemathesis.checks import load_all_checks, positive_data_acceptance

from servicefirst.accounts.roles import Role
from servicefirst.accounts.scopes import ALL_SCOPES
from servicefirst.accounts.services import api_token_create
from servicefirst.api import api
from servicefirst.wsgi import application
from tests.factories import CouncilServiceFactory, make_customer
from tests.factories_complaints import make_complaint
from tests.factories_servicerequests import make_service_request

EXAMPLES_PER_OPERATION = 12
load_all_checks()
# Every check schemathesis has but one: `positive_data_acceptance` expects each request the schema allows to be
# answered 2xx, while the API also applies the council's rules (a deadline, a reference that must exist, a
# version) and answers them 4xx as documented. Server errors, statuses, content types, headers, response bodies,
# refusing what the schema forbids, authentication, methods and Allow headers are all checked.
CHECKS = [check for check in CHECKS_REGISTRY.get_all() if check is not positive_data_acceptance]


# The document as the app serves it; the calls go to the app in this process, inside each test's transaction.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application


@pytest.fixture
def in_this_transaction():
    """The app is called as a WSGI app, which closes the database connection around each request; Django's own
    test client stops that so the test's transaction survives, and so does this."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def records(db, staff, client_service):
    """Records for the operations that read by reference or id to find, as well as the many that will not."""
    customer = make_customer(staff[Role.OFFICER], first_name="Amara", last_name="Okafor", email="amara@example.org")
    make_service_request(council_service=CouncilServiceFactory(client_service=client_service), customer=customer.pk)
    make_complaint(customer=customer)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented_and_never_fails(case, staff, records, in_this_transaction):
    _, key = api_token_create(user=staff[Role.ADMINISTRATOR], name="schemathesis", scopes=ALL_SCOPES)
    case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=CHECKS)
