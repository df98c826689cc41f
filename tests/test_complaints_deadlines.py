"""Complaint deadlines in England & Wales working days across the 2026-27 Christmas, New Year and Easter bank
holidays, the extension limits, and rules kept as data a council can change."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import ComplaintStage, ComplaintStatus, DeadlineRule, Procedure
from servicefirst.complaints.services import (
    complaint_acknowledge,
    complaint_escalate,
    complaint_extend,
    complaint_respond,
)
from tests.factories_complaints import complaints_officer, make_complaint

LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


@pytest.fixture
def clock(time_machine):
    """Stops the clock at a moment, so a complaint can be received in the 2026-27 holidays the tests are about."""

    def set_to(moment: datetime.datetime) -> None:
        time_machine.move_to(moment, tick=False)

    return set_to


@pytest.fixture
def handler(staff):
    return complaints_officer()


def stage_of(complaint, stage: int = 1) -> ComplaintStage:
    return ComplaintStage.objects.get(complaint=complaint, stage=stage)


@pytest.mark.django_db
def test_stage_1_over_christmas_and_new_year(clock, handler):
    received = datetime.date(2026, 12, 23)
    clock(at(received))
    complaint = make_complaint(received_at=at(received))
    stage = stage_of(complaint)
    # 24 Dec, (25, 28 Dec holidays), 29, 30, 31 Dec, (1 Jan holiday), 4 Jan.
    assert stage.acknowledge_due == datetime.date(2027, 1, 4)
    # Until acknowledged, the response runs from the last day for acknowledging: 10 working days after 4 Jan.
    assert stage.respond_due == datetime.date(2027, 1, 18)
    assert complaint.due_on == datetime.date(2027, 1, 4)

    clock(at(datetime.date(2026, 12, 24)))
    complaint = complaint_acknowledge(actor=handler, complaint_id=complaint.pk, version=complaint.version)
    stage.refresh_from_db()
    # Acknowledged on 24 Dec: 29, 30, 31 Dec, 4-8 Jan, 11, 12 Jan.
    assert stage.respond_due == datetime.date(2027, 1, 12)
    assert complaint.due_on == datetime.date(2027, 1, 12)
    assert complaint.status == ComplaintStatus.INVESTIGATING


@pytest.mark.django_db
def test_stage_1_over_easter_2027_and_its_extension_limit(clock, handler):
    received = datetime.date(2027, 3, 25)
    clock(at(received, 9))
    complaint = make_complaint(received_at=at(received, 9))
    # 26 and 29 March are Good Friday and Easter Monday.
    assert stage_of(complaint).acknowledge_due == datetime.date(2027, 4, 5)
    clock(at(received, 15))
    complaint = complaint_acknowledge(actor=handler, complaint_id=complaint.pk, version=complaint.version)
    assert complaint.due_on == datetime.date(2027, 4, 12)

    clock(at(datetime.date(2027, 4, 8)))
    with pytest.raises(ValidationError) as error:
        complaint_extend(
            actor=handler,
            complaint_id=complaint.pk,
            extend_to=datetime.date(2027, 4, 27),
            reason="Waiting for the contractor's records",
            version=complaint.version,
        )
    assert "at most 10 working days" in error.value.message_dict["extend_to"][0]
    complaint = complaint_extend(
        actor=handler,
        complaint_id=complaint.pk,
        extend_to=datetime.date(2027, 4, 26),
        reason="Waiting for the contractor's records",
        version=complaint.version,
    )
    stage = stage_of(complaint)
    assert (stage.extended_to, stage.due_on, complaint.due_on) == ((datetime.date(2027, 4, 26),) * 3)
    assert stage.customer_told_at == at(datetime.date(2027, 4, 8))


@pytest.mark.django_db
def test_extension_needs_a_reason_and_a_later_date(handler):
    complaint = make_complaint()
    with pytest.raises(ValidationError) as error:
        complaint_extend(actor=handler, complaint_id=complaint.pk, extend_to=complaint.due_on, reason=" ")
    assert set(error.value.message_dict) == {"reason", "extend_to"}
    assert stage_of(complaint).extended_to is None


@pytest.mark.django_db
def test_stage_2_runs_20_working_days_from_its_acknowledgement_with_20_more_at_most(clock, staff):
    first, second = complaints_officer(), complaints_officer()
    clock(at(datetime.date(2026, 11, 2)))
    complaint = make_complaint(received_at=at(datetime.date(2026, 11, 2)))
    complaint = complaint_respond(
        actor=first, complaint_id=complaint.pk, outcome="not_upheld", response="The round ran on time."
    )
    clock(at(datetime.date(2026, 12, 10)))
    complaint = complaint_escalate(actor=first, complaint_id=complaint.pk, reason="Customer disagrees")
    stage = stage_of(complaint, 2)
    assert (complaint.current_stage, complaint.status) == (2, ComplaintStatus.RECEIVED)
    assert stage.acknowledge_due == datetime.date(2026, 12, 17)
    clock(at(datetime.date(2026, 12, 11)))
    complaint = complaint_acknowledge(actor=second, complaint_id=complaint.pk)
    # From 11 Dec: 14-18, 21-24, 29-31 Dec, 4-8 Jan, 11-13 Jan (25, 28 Dec and 1 Jan are holidays).
    assert complaint.due_on == datetime.date(2027, 1, 13)
    # 20 more working days: 14 Jan to 10 Feb.
    limit = datetime.date(2027, 2, 10)
    with pytest.raises(ValidationError):
        complaint_extend(
            actor=second, complaint_id=complaint.pk, extend_to=limit + datetime.timedelta(days=1), reason="x"
        )
    complaint = complaint_extend(actor=second, complaint_id=complaint.pk, extend_to=limit, reason="Site visit needed")
    assert complaint.due_on == limit


@pytest.mark.django_db
def test_children_stage_1_counts_from_receipt_and_extends_to_20_days_in_all(clock, staff):
    officer = complaints_officer(procedure=Procedure.CHILDREN)
    clock(at(datetime.date(2026, 12, 21)))
    complaint = make_complaint(procedure=Procedure.CHILDREN, received_at=at(datetime.date(2026, 12, 21)))
    stage = stage_of(complaint)
    assert stage.acknowledge_due is None
    assert stage.respond_due == datetime.date(2027, 1, 7)
    assert complaint.team.procedure == Procedure.CHILDREN
    complaint = complaint_acknowledge(actor=officer, complaint_id=complaint.pk)
    assert complaint.due_on == datetime.date(2027, 1, 7)
    with pytest.raises(ValidationError):
        complaint_extend(actor=officer, complaint_id=complaint.pk, extend_to=datetime.date(2027, 1, 22), reason="x")
    complaint = complaint_extend(
        actor=officer, complaint_id=complaint.pk, extend_to=datetime.date(2027, 1, 21), reason="Complex case"
    )
    assert complaint.due_on == datetime.date(2027, 1, 21)


@pytest.mark.django_db
def test_adults_complaint_is_acknowledged_in_3_working_days_and_answered_within_6_months(clock, staff):
    officer = complaints_officer(procedure=Procedure.ADULTS)
    # 31 August 2026 is the summer bank holiday.
    clock(at(datetime.date(2026, 8, 31)))
    complaint = make_complaint(procedure=Procedure.ADULTS, received_at=at(datetime.date(2026, 8, 31)))
    stage = stage_of(complaint)
    assert stage.acknowledge_due == datetime.date(2026, 9, 3)
    assert stage.respond_due == datetime.date(2027, 2, 28)
    # Its date moves only by a plan agreed with the complainant: tests/test_complaints_schedule.py.
    # Adults' complaints have one stage: the next step is the Ombudsman.
    complaint = complaint_respond(actor=officer, complaint_id=complaint.pk, outcome="upheld", response="Sorry.")
    with pytest.raises(ValidationError) as error:
        complaint_escalate(actor=officer, complaint_id=complaint.pk)
    assert "ombudsman" in error.value.message_dict


@pytest.mark.django_db
def test_a_changed_rule_applies_to_new_complaints_only(clock, staff):
    clock(at(datetime.date(2026, 11, 2)))
    before = make_complaint(received_at=at(datetime.date(2026, 11, 2)))
    DeadlineRule.objects.filter(procedure=Procedure.CORPORATE, stage=1).update(acknowledge_days=2, respond_days=15)
    after = make_complaint(received_at=at(datetime.date(2026, 11, 2)))
    assert stage_of(before).acknowledge_due == datetime.date(2026, 11, 9)
    assert stage_of(after).acknowledge_due == datetime.date(2026, 11, 4)
    assert stage_of(after).respond_due == datetime.date(2026, 11, 25)
    assert stage_of(before).respond_due == datetime.date(2026, 11, 23)


@pytest.mark.django_db
def test_acknowledging_twice_is_refused(staff):
    complaint = make_complaint()
    handler = staff[Role.COMPLAINTS_OFFICER]
    complaint = complaint_acknowledge(actor=handler, complaint_id=complaint.pk)
    with pytest.raises(ValidationError):
        complaint_acknowledge(actor=handler, complaint_id=complaint.pk)
