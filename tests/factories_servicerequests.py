"""Factories for service requests. Requests are raised through the service, so references, due
dates and history are the real ones."""

import factory

from servicefirst.accounts.roles import Role
from servicefirst.servicerequests.models import Question, QuestionKind, QuestionSet
from servicefirst.servicerequests.services import RequestData, service_request_raise
from tests.factories import CouncilServiceFactory, LgslServiceFactory, UserFactory


class QuestionSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionSet

    council_service = factory.SubFactory(CouncilServiceFactory)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    question_set = factory.SubFactory(QuestionSetFactory)
    order = factory.Sequence(lambda n: n)
    key = factory.Sequence(lambda n: f"question_{n}")
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = QuestionKind.TEXT
    required = True


def missed_bin_service(*, client_service=None, sla_working_days: int = 2):
    """Report a missed bin collection (LGSL 524): the address, the bin type and the collection day."""
    fields = {"sla_working_days": sla_working_days, "name": "Missed bin collection"}
    if client_service is not None:
        fields["client_service"] = client_service
    service = CouncilServiceFactory(lgsl=LgslServiceFactory(code=524, name="Missed bin collection"), **fields)
    question_set = QuestionSetFactory(council_service=service, guidance="Check the round was due before raising.")
    QuestionFactory(question_set=question_set, order=1, key="address", label="Address", kind=QuestionKind.ADDRESS)
    QuestionFactory(
        question_set=question_set,
        order=2,
        key="bin_type",
        label="Which bin was missed?",
        kind=QuestionKind.CHOICE,
        choices="Refuse (black)\nRecycling (blue)\nGarden waste (green)\nFood waste",
    )
    QuestionFactory(
        question_set=question_set,
        order=3,
        key="collection_day",
        label="When should it have been collected?",
        kind=QuestionKind.DATE,
    )
    QuestionFactory(
        question_set=question_set,
        order=4,
        key="bin_out_by_7",
        label="Was the bin out by 7am?",
        kind=QuestionKind.YES_NO,
        required=False,
    )
    return service


# The officers' raise form for `missed_bin_service`, answered in full.
MISSED_BIN_FORM = {
    "answer_address_line_1": "10 Mare Street",
    "answer_address_town": "London",
    "answer_address_postcode": "e8 1ea",
    "answer_bin_type": "Recycling (blue)",
    "answer_collection_day_day": "20",
    "answer_collection_day_month": "11",
    "answer_collection_day_year": "2026",
    "description": "Blue bin missed on Friday",
    "channel": "phone",
    "priority": "3",
}


MISSED_BIN_ANSWERS = {
    "address": {"line_1": "10 Mare Street", "town": "London", "postcode": "e8 1ea"},
    "bin_type": "recycling (blue)",
    "collection_day": "2026-11-20",
}


def make_service_request(*, actor=None, council_service=None, **fields):
    if actor is None:
        actor = UserFactory(role=Role.OFFICER)
    if council_service is None:
        council_service = CouncilServiceFactory()
    # Tests name the customer and contact as the request's fields are named; the data takes their ids.
    ids = {name: f"{name}_id" for name in ("customer", "contact")}
    data = {"council_service_id": council_service.pk, "description": "Bin not emptied this week"}
    data |= {ids.get(name, name): value for name, value in fields.items()}
    return service_request_raise(actor=actor, data=RequestData(**data))
