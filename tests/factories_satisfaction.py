"""Satisfaction answers are written through `survey_record`, and contacts through `contact_log`, so every
rule the service holds is exercised by the data the tests build on."""

import datetime

from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.satisfaction.models import CaptureMethod, DissatisfactionReason
from servicefirst.satisfaction.services import kiosk_device_register, survey_record
from tests.factories import CouncilServiceFactory, SiteFactory, UserFactory
from tests.factories_contacts import log_contact


def reason(label: str = "Waited too long to be seen or answered", category: str = "Waiting") -> DissatisfactionReason:
    # The migration loads the defaults; a transactional test empties every table afterwards, so later tests make them.
    return DissatisfactionReason.objects.get_or_create(label=label, defaults={"category": category})[0]


def visit(*, site=None, officer=None, ended_minutes_ago: float = 2, minutes: float = 8, **fields):
    """A face-to-face contact at a site that ended a little while ago."""
    officer = officer or UserFactory(role=Role.OFFICER)
    site = site or SiteFactory()
    ended = timezone.now() - datetime.timedelta(minutes=ended_minutes_ago)
    fields.setdefault("council_service_id", CouncilServiceFactory().pk)
    return log_contact(
        officer,
        channel="face_to_face",
        site_id=site.pk,
        started_at=ended - datetime.timedelta(minutes=minutes),
        ended_at=ended,
        **fields,
    )


def call(*, officer=None, **fields):
    officer = officer or UserFactory(role=Role.OFFICER)
    fields.setdefault("council_service_id", CouncilServiceFactory().pk)
    return log_contact(officer, channel="phone", **fields)


def kiosk(*, site, manager=None):
    """(device, token) as a manager registers it."""
    manager = manager or UserFactory(role=Role.TEAM_MANAGER)
    return kiosk_device_register(actor=manager, site_id=site.pk, name="Reception")


def answer(contact, rating: int, *, by=None, **fields):
    """An officer keys the customer's answer; a dissatisfied answer gets the default reason unless given one."""
    if rating <= 2:
        fields.setdefault("reason_id", reason().pk)
    return survey_record(
        contact_id=contact.pk,
        rating=rating,
        captured_by=CaptureMethod.OFFICER,
        recorded_by=by or contact.officer,
        **fields,
    )
