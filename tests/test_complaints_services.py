"""The rules of the complaint services and the selectors reports rely on."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import ComplaintStatus, FeedbackKind, Procedure
from servicefirst.complaints.selectors import (
    complaint_stages_corporate,
    complaints_corporate,
    complaints_statutory,
    ombudsman_referrals_corporate,
)
from servicefirst.complaints.services import (
    RemedyData,
    complaint_acknowledge,
    complaint_assign,
    complaint_close,
    complaint_escalate,
    complaint_extend,
    complaint_ombudsman_decision,
    complaint_reopen,
    complaint_respond,
)
from servicefirst.core.events import customer_notifiable
from servicefirst.notifications.models import Message
from tests.factories import UserFactory, make_customer
from tests.factories_complaints import complaints_officer, make_complaint

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=LONDON)


def test_corporate_figures_never_include_statutory_complaints_compliments_or_comments(staff):
    corporate = make_complaint()
    adults = make_complaint(procedure=Procedure.ADULTS)
    children = make_complaint(procedure=Procedure.CHILDREN)
    make_complaint(kind=FeedbackKind.COMPLIMENT)
    make_complaint(kind=FeedbackKind.COMMENT)
    assert list(complaints_corporate()) == [corporate]
    assert set(complaints_statutory()) == {adults, children}
    assert list(complaint_stages_corporate().values_list("complaint", flat=True)) == [corporate.pk]


def test_stage_timeliness_for_reports(staff):
    handler = complaints_officer()
    on_time = make_complaint(received_at=at(2026, 9, 1))
    complaint_acknowledge(actor=handler, complaint_id=on_time.pk, at=at(2026, 9, 2))
    complaint_respond(actor=handler, complaint_id=on_time.pk, outcome="upheld", response="Sorry", at=at(2026, 9, 10))
    late = make_complaint(received_at=at(2026, 9, 1))
    complaint_acknowledge(actor=handler, complaint_id=late.pk, at=at(2026, 9, 10))
    complaint_respond(actor=handler, complaint_id=late.pk, outcome="not_upheld", response="No", at=at(2026, 10, 30))
    extended = make_complaint(received_at=at(2026, 9, 1))
    complaint_acknowledge(actor=handler, complaint_id=extended.pk, at=at(2026, 9, 2))
    complaint_extend(
        actor=handler, complaint_id=extended.pk, extend_to=datetime.date(2026, 9, 25), reason="x", at=at(2026, 9, 10)
    )
    complaint_respond(actor=handler, complaint_id=extended.pk, outcome="upheld", response="Y", at=at(2026, 9, 24))
    waiting = make_complaint(received_at=at(2026, 9, 1))
    rows = {
        row["complaint"]: row
        for row in complaint_stages_corporate().values(
            "complaint", "on_time", "acknowledged_in_time", "was_extended", "deadline"
        )
    }
    assert (rows[on_time.pk]["on_time"], rows[on_time.pk]["acknowledged_in_time"]) == (True, True)
    # Acknowledged on 10 Sep, after the 8 Sep deadline; answered long after 24 Sep.
    assert (rows[late.pk]["on_time"], rows[late.pk]["acknowledged_in_time"]) == (False, False)
    assert rows[late.pk]["deadline"] == datetime.date(2026, 9, 24)
    assert (rows[extended.pk]["on_time"], rows[extended.pk]["was_extended"]) == (True, True)
    assert rows[waiting.pk]["on_time"] is None


def test_officers_without_the_capability_cannot_record_or_handle(staff):
    complaint = make_complaint()
    with pytest.raises(PermissionDenied):
        make_complaint(actor=staff[Role.COUNCILLOR])
    for role in (Role.OFFICER, Role.TEAM_MANAGER, Role.CLIENT_SERVICE_OFFICER):
        with pytest.raises(PermissionDenied):
            complaint_acknowledge(actor=staff[role], complaint_id=complaint.pk)


def test_a_statutory_complaint_is_refused_to_a_corporate_handler_and_assigned_only_within_its_team(staff):
    adults = make_complaint(procedure=Procedure.ADULTS)
    member = complaints_officer(procedure=Procedure.ADULTS)
    corporate_officer = staff[Role.COMPLAINTS_OFFICER]
    with pytest.raises(PermissionDenied):
        complaint_acknowledge(actor=corporate_officer, complaint_id=adults.pk)
    with pytest.raises(ValidationError) as error:
        complaint_assign(actor=member, complaint_id=adults.pk, officer_id=corporate_officer.pk)
    assert "assigned_officer" in error.value.message_dict
    complaint = complaint_assign(actor=staff[Role.HEAD_OF_SERVICE], complaint_id=adults.pk, officer_id=member.pk)
    assert complaint.assigned_officer == member


def test_stage_1_to_stage_2_to_the_ombudsman_and_its_decision(staff):
    first, second = complaints_officer(), complaints_officer()
    complaint = make_complaint()
    complaint_assign(actor=first, complaint_id=complaint.pk, officer_id=first.pk)
    complaint_respond(actor=first, complaint_id=complaint.pk, outcome="not_upheld", response="Collected on time")
    complaint = complaint_escalate(actor=first, complaint_id=complaint.pk, reason="Disagrees")
    assert (complaint.current_stage, complaint.status, complaint.assigned_officer) == (2, "received", None)
    # The Code asks for someone new at stage 2.
    with pytest.raises(ValidationError):
        complaint_assign(actor=second, complaint_id=complaint.pk, officer_id=first.pk)
    with pytest.raises(ValidationError) as error:
        complaint_respond(actor=first, complaint_id=complaint.pk, outcome="upheld", response="On review, sorry")
    assert "earlier stage" in error.value.message_dict["outcome"][0]
    complaint_respond(actor=second, complaint_id=complaint.pk, outcome="upheld", response="On review, sorry")
    with pytest.raises(ValidationError) as error:
        complaint_escalate(actor=second, complaint_id=complaint.pk)
    assert "ombudsman" in error.value.message_dict
    complaint = complaint_escalate(
        actor=second, complaint_id=complaint.pk, ombudsman="housing", ombudsman_reference="HO-123"
    )
    assert (complaint.status, complaint.ombudsman_referred_on) == ("with_ombudsman", timezone.localdate())
    assert list(ombudsman_referrals_corporate()) == [complaint]
    with pytest.raises(ValidationError) as error:
        complaint_ombudsman_decision(
            actor=second,
            complaint_id=complaint.pk,
            decision="upheld",
            decided_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert "decided_on" in error.value.message_dict
    complaint = complaint_ombudsman_decision(
        actor=second, complaint_id=complaint.pk, decision="upheld", decided_on=timezone.localdate()
    )
    assert (complaint.status, complaint.ombudsman_decision) == (ComplaintStatus.CLOSED, "upheld")
    with pytest.raises(ValidationError):
        complaint_reopen(actor=second, complaint_id=complaint.pk, reason="Mistake")


def test_children_complaints_have_a_third_stage_review_panel(staff):
    officer, reviewer = (
        complaints_officer(procedure=Procedure.CHILDREN),
        complaints_officer(procedure=Procedure.CHILDREN),
    )
    complaint = make_complaint(procedure=Procedure.CHILDREN)
    complaint_respond(actor=officer, complaint_id=complaint.pk, outcome="not_upheld", response="r1")
    complaint_escalate(actor=officer, complaint_id=complaint.pk)
    complaint_respond(actor=reviewer, complaint_id=complaint.pk, outcome="not_upheld", response="r2")
    complaint = complaint_escalate(actor=reviewer, complaint_id=complaint.pk)
    assert complaint.current_stage == 3


def test_an_extension_tells_the_customer_once_committed(staff, django_capture_on_commit_callbacks):
    handler = complaints_officer()
    complaint = make_complaint()
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    customer_notifiable.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            complaint_extend(
                actor=handler,
                complaint_id=complaint.pk,
                extend_to=complaint.stages.get().respond_due + datetime.timedelta(days=1),
                reason="Waiting for a site visit",
            )
    finally:
        customer_notifiable.disconnect(listener)
    [message] = heard
    assert (message["event"], message["customer_id"], message["reference"]) == (
        "complaint.extended",
        complaint.customer_id,
        complaint.reference,
    )
    assert message["personalisation"]["message"] == "Waiting for a site visit"
    assert complaint.stages.get().customer_told_at is not None
    assert complaint.events.filter(kind="customer_told").exists()


def test_an_extension_reaches_the_customer_as_a_message_with_the_new_date(
    staff, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    officer = UserFactory(role=Role.OFFICER)
    complaint = make_complaint(actor=officer, customer=make_customer(officer, email="mary.jones@example.com"))
    new_date = complaint.stages.get().respond_due + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        complaint_extend(
            actor=complaints_officer(), complaint_id=complaint.pk, extend_to=new_date, reason="Waiting for a site visit"
        )
    message = Message.objects.get(event="complaint.extended", customer_id=complaint.customer_id)
    assert message.error == ""
    assert message.reference == complaint.reference
    assert "Waiting for a site visit" in message.body
    assert f"{new_date:%-d %B %Y}" in message.body


def test_compliments_have_no_deadlines_and_close_without_a_note(staff):
    handler = complaints_officer()
    compliment = make_complaint(kind=FeedbackKind.COMPLIMENT, summary="Helpful officer at Apex House")
    with pytest.raises(ValidationError):
        complaint_extend(actor=handler, complaint_id=compliment.pk, extend_to=datetime.date(2030, 1, 1), reason="x")
    compliment = complaint_close(actor=handler, complaint_id=compliment.pk)
    assert compliment.status == ComplaintStatus.CLOSED


def test_closing_an_unanswered_complaint_needs_a_reason_and_reopening_restores_it(staff):
    handler = complaints_officer()
    complaint = make_complaint()
    complaint_acknowledge(actor=handler, complaint_id=complaint.pk)
    with pytest.raises(ValidationError) as error:
        complaint_close(actor=handler, complaint_id=complaint.pk)
    assert "note" in error.value.message_dict
    complaint_close(actor=handler, complaint_id=complaint.pk, note="Withdrawn by the customer")
    complaint = complaint_reopen(actor=handler, complaint_id=complaint.pk, reason="Customer changed their mind")
    assert (complaint.status, complaint.closed_at) == (ComplaintStatus.INVESTIGATING, None)
    assert complaint.due_on == complaint.stages.get().due_on


def test_a_financial_remedy_needs_an_amount(staff):
    handler = complaints_officer()
    complaint = make_complaint()
    with pytest.raises(ValidationError) as error:
        complaint_respond(
            actor=handler,
            complaint_id=complaint.pk,
            outcome="upheld",
            response="Sorry",
            remedies=[RemedyData(kind="financial", amount="lots")],
        )
    assert "remedy_amount" in error.value.message_dict
    complaint = complaint_respond(
        actor=handler,
        complaint_id=complaint.pk,
        outcome="upheld",
        response="Sorry",
        remedies=[RemedyData(kind="financial", amount="£1,250.5")],
    )
    assert str(complaint.remedies.get().amount) == "1250.50"
