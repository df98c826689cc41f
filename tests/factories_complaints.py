"""Factories for complaints. Complaints are recorded through the service, so references, stages and deadlines are
the real ones; the deadline rules, default teams and themes come from the app's data migration."""

import datetime
import importlib

import factory

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import ComplaintsTeam, ComplaintTheme, FeedbackKind, Procedure
from servicefirst.complaints.services import ComplaintData, complaint_record
from tests.factories import UserFactory, make_customer


class ComplaintThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComplaintTheme

    code = factory.Sequence(lambda n: f"theme-{n}")
    label = factory.Sequence(lambda n: f"Theme {n}")


def team(procedure: str) -> ComplaintsTeam:
    return ComplaintsTeam.objects.get(procedure=procedure, is_default=True)


def complaints_officer(*, procedure: str | None = None, **fields):
    """A complaints officer, a member of the default team of `procedure` if given."""
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER, **fields)
    if procedure is not None:
        team(procedure).members.add(officer)
    return officer


_NAMED_BY_ID = {"contact", "council_service", "client_service", "theme", "team"}


def make_complaint(
    *,
    actor=None,
    customer=None,
    kind: str = FeedbackKind.COMPLAINT,
    procedure: str = Procedure.CORPORATE,
    received_at: datetime.datetime | None = None,
    at: datetime.datetime | None = None,
    **fields,
):
    if actor is None:
        actor = UserFactory(role=Role.OFFICER)
    if customer is None and kind == FeedbackKind.COMPLAINT:
        customer = make_customer(actor=actor, first_name="Mary", last_name="Jones")
    data = ComplaintData(
        kind=kind,
        procedure=procedure,
        summary=fields.pop("summary", "Bin missed three weeks running"),
        details=fields.pop("details", "The recycling bin was not emptied on 2, 9 and 16 November."),
        customer_id=customer.pk if customer else None,
        received_at=received_at,
        # Tests name other records as the complaint's fields are named; the data takes their ids.
        **{f"{name}_id" if name in _NAMED_BY_ID else name: value for name, value in fields.items()},
    )
    return complaint_record(actor=actor, data=data, at=at or received_at)


def complaint_defaults_load() -> None:
    """Puts back the deadline rules, teams and themes the data migration seeds, for tests on a flushed database
    (threads and the browser need committed data, and each such test empties the tables after it)."""
    from django.apps import apps

    importlib.import_module("servicefirst.complaints.migrations.0002_default_rules").add_defaults(apps, None)
    importlib.import_module("servicefirst.complaints.migrations.0005_plans_panels_beyond_limit").rules_update(
        apps, None
    )
