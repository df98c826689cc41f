"""Moving a complaint's deadline, at the depth of the rule: an extension asked for before the acknowledgement is
held to the Code's limit counted from the acknowledgement itself; beyond the limit only with a good reason, which
the committee's timeliness report counts; adults' social care by a plan agreed with the complainant, moved earlier
or later; and the children's review panel's report and the council's response. Dates are counted by hand on the
England & Wales calendar (Good Friday 26 March and Easter Monday 29 March 2027)."""

import datetime
import json
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import ComplaintEvent, ComplaintStage, ComplaintStatus, DeadlineRule, Procedure
from servicefirst.complaints.report_tables import report_tables
from servicefirst.complaints.reports import complaints_report, period_dates
from servicefirst.complaints.services import (
    complaint_acknowledge,
    complaint_escalate,
    complaint_extend,
    complaint_panel_record,
    complaint_plan_agree,
    complaint_respond,
)
from servicefirst.core.disclosure import EXACT
from servicefirst.notifications.models import Message
from tests.factories_complaints import complaints_officer, make_complaint

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
D = datetime.date


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


@pytest.fixture
def clock(time_machine):
    def set_to(moment: datetime.datetime) -> None:
        time_machine.move_to(moment, tick=False)

    return set_to


def stage_of(complaint, stage: int = 1) -> ComplaintStage:
    return ComplaintStage.objects.get(complaint=complaint, stage=stage)


def test_an_extension_asked_for_before_the_acknowledgement_is_held_to_the_limit_counted_from_it(clock, staff):
    handler = complaints_officer()
    # Thursday 25 March 2027: acknowledge by 5 April (26 and 29 March are holidays), so until acknowledged the
    # response is provisionally due 19 April and an extension may reach 4 May (3 May is a bank holiday).
    clock(at(D(2027, 3, 25), 9))
    complaint = make_complaint(received_at=at(D(2027, 3, 25), 9))
    assert (stage_of(complaint).acknowledge_due, stage_of(complaint).respond_due) == (D(2027, 4, 5), D(2027, 4, 19))
    clock(at(D(2027, 3, 25), 11))
    complaint = complaint_extend(
        actor=handler, complaint_id=complaint.pk, extend_to=D(2027, 4, 30), reason="Waiting for the contractor"
    )
    assert complaint.due_on == D(2027, 4, 5)  # the acknowledgement is still what is owed first

    clock(at(D(2027, 3, 25), 15))
    complaint = complaint_acknowledge(actor=handler, complaint_id=complaint.pk)
    stage = stage_of(complaint)
    # Acknowledged the same day: response 10 working days later, 12 April; at most 10 more, 26 April.
    assert (stage.respond_due, stage.extended_to, stage.due_on) == (D(2027, 4, 12), D(2027, 4, 26), D(2027, 4, 26))
    assert complaint.due_on == D(2027, 4, 26)
    note = complaint.events.filter(kind=ComplaintEvent.Kind.EXTENDED).first().note
    assert "30 April 2027 is brought back to 26 April 2027" in note


def test_an_extension_asked_for_before_a_late_acknowledgement_lapses_when_the_deadline_passes_it(clock, staff):
    handler = complaints_officer()
    clock(at(D(2026, 11, 2)))
    complaint = make_complaint(received_at=at(D(2026, 11, 2)))
    complaint = complaint_extend(actor=handler, complaint_id=complaint.pk, extend_to=D(2026, 11, 25), reason="Records")
    # Acknowledged late on Friday 20 November: the response is due 10 working days later, 4 December.
    clock(at(D(2026, 11, 20)))
    complaint = complaint_acknowledge(actor=handler, complaint_id=complaint.pk)
    stage = stage_of(complaint)
    assert (stage.respond_due, stage.extended_to, complaint.due_on) == (D(2026, 12, 4), None, D(2026, 12, 4))


def test_an_extension_beyond_the_limit_needs_a_good_reason_and_is_reported(clock, staff):
    handler = complaints_officer()
    clock(at(D(2026, 11, 2)))
    complaint = make_complaint(received_at=at(D(2026, 11, 2)))
    clock(at(D(2026, 11, 3)))
    complaint = complaint_acknowledge(actor=handler, complaint_id=complaint.pk)
    # Due 17 November; 10 more working days at most: 1 December.
    assert complaint.due_on == D(2026, 11, 17)
    clock(at(D(2026, 11, 10)))
    with pytest.raises(ValidationError) as error:
        complaint_extend(actor=handler, complaint_id=complaint.pk, extend_to=D(2026, 12, 15), reason="Legal advice")
    assert set(error.value.message_dict) == {"extend_to", "beyond_limit_reason"}
    assert "to 1 December 2026" in error.value.message_dict["extend_to"][0]
    complaint = complaint_extend(
        actor=handler,
        complaint_id=complaint.pk,
        extend_to=D(2026, 12, 15),
        reason="We are taking legal advice",
        beyond_limit_reason="The complaint turns on a boundary dispute before the court; its hearing is 11 December",
    )
    stage = stage_of(complaint)
    assert (stage.extended_to, complaint.due_on) == (D(2026, 12, 15), D(2026, 12, 15))
    assert "boundary dispute" in stage.beyond_limit_reason
    clock(at(D(2026, 12, 14)))
    complaint_respond(actor=handler, complaint_id=complaint.pk, outcome="upheld", response="Sorry.")
    within = make_complaint(received_at=at(D(2026, 11, 2)))
    complaint_extend(actor=handler, complaint_id=within.pk, extend_to=D(2026, 11, 24), reason="Records")

    report = complaints_report(period=period_dates(start=D(2026, 11, 1), end=D(2026, 11, 30)), today=D(2026, 12, 14))
    [row] = report.timeliness
    assert (row.opened, row.extended, row.extended_beyond_limit, row.responded_on_time) == (2, 2, 1, 1)
    [table] = [t for t in report_tables(report, disclosure=EXACT) if t.title == "Timeliness by stage"]
    assert ["Extended beyond the limit, with good reason", 1] in [list(r) for r in table.rows]


def test_a_council_may_refuse_every_extension_beyond_the_limit(clock, staff):
    DeadlineRule.objects.filter(procedure=Procedure.CORPORATE, stage=1).update(beyond_limit_allowed=False)
    handler = complaints_officer()
    clock(at(D(2026, 11, 3)))
    complaint = make_complaint(received_at=at(D(2026, 11, 2)))
    complaint = complaint_acknowledge(actor=handler, complaint_id=complaint.pk)
    with pytest.raises(ValidationError) as error:
        complaint_extend(
            actor=handler,
            complaint_id=complaint.pk,
            extend_to=D(2026, 12, 15),
            reason="Legal advice",
            beyond_limit_reason="A court hearing",
        )
    assert list(error.value.message_dict) == ["extend_to"]
    assert stage_of(complaint).extended_to is None


def test_an_adults_plan_is_agreed_earlier_then_later_and_each_agreement_recorded(
    clock, staff, django_capture_on_commit_callbacks
):
    officer = complaints_officer(procedure=Procedure.ADULTS)
    clock(at(D(2026, 8, 31)))
    complaint = make_complaint(procedure=Procedure.ADULTS, received_at=at(D(2026, 8, 31)))
    complaint = complaint_acknowledge(actor=officer, complaint_id=complaint.pk)
    assert complaint.due_on == D(2027, 2, 28)  # six months
    with pytest.raises(ValidationError) as error:
        complaint_extend(actor=officer, complaint_id=complaint.pk, extend_to=D(2027, 6, 30), reason="x")
    assert "agreed with the complainant" in error.value.message_dict["extend_to"][0]

    clock(at(D(2026, 9, 3)))
    with django_capture_on_commit_callbacks(execute=True):
        complaint = complaint_plan_agree(
            actor=officer,
            complaint_id=complaint.pk,
            respond_by=D(2026, 12, 18),
            note="Agreed with Mrs Jones by phone: a review of the care package, response before Christmas",
        )
    assert complaint.due_on == D(2026, 12, 18)
    assert Message.objects.filter(event="complaint.plan_agreed", customer_id=complaint.customer_id).exists()

    clock(at(D(2026, 12, 10)))
    complaint = complaint_plan_agree(
        actor=officer,
        complaint_id=complaint.pk,
        respond_by=D(2027, 1, 29),
        note="Mrs Jones agreed by letter to wait for the provider's records",
    )
    stage = stage_of(complaint)
    assert (stage.agreed_due, stage.respond_due, stage.due_on) == (D(2027, 1, 29), D(2027, 2, 28), D(2027, 1, 29))
    assert stage.agreement_note.startswith("Mrs Jones agreed by letter")
    notes = list(complaint.events.filter(kind=ComplaintEvent.Kind.PLAN_AGREED).values_list("note", flat=True))
    assert notes == [
        "Response by 29 January 2027 (was 18 December 2026): Mrs Jones agreed by letter to wait for the provider's "
        "records",
        "Response by 18 December 2026 (was 28 February 2027): Agreed with Mrs Jones by phone: a review of the care "
        "package, response before Christmas",
    ]

    clock(at(D(2027, 2, 1)))
    with pytest.raises(ValidationError) as error:
        complaint_plan_agree(actor=officer, complaint_id=complaint.pk, respond_by=D(2027, 3, 31), note="Agreed")
    assert "can only be agreed before then" in error.value.message_dict["respond_by"][0]
    with pytest.raises(ValidationError) as error:
        complaint_plan_agree(actor=officer, complaint_id=complaint.pk, respond_by=D(2027, 1, 31), note=" ")
    assert set(error.value.message_dict) == {"respond_by", "note"}
    complaint = complaint_respond(actor=officer, complaint_id=complaint.pk, outcome="upheld", response="Sorry.")
    assert stage_of(complaint).responded_on_time is False


def test_a_corporate_complaint_has_no_plan_to_agree(clock, staff):
    handler = complaints_officer()
    complaint = make_complaint()
    with pytest.raises(ValidationError) as error:
        complaint_plan_agree(actor=handler, complaint_id=complaint.pk, respond_by=complaint.due_on, note="Agreed")
    assert "extend it instead" in error.value.message_dict["respond_by"][0]


def test_the_childrens_review_panel_report_and_the_councils_response(clock, staff):
    officer = complaints_officer(procedure=Procedure.CHILDREN)
    clock(at(D(2026, 11, 2)))
    complaint = make_complaint(procedure=Procedure.CHILDREN, received_at=at(D(2026, 11, 2)))
    complaint_respond(actor=officer, complaint_id=complaint.pk, outcome="not_upheld", response="Stage 1")
    complaint_escalate(actor=officer, complaint_id=complaint.pk)
    clock(at(D(2027, 1, 15)))
    complaint_respond(actor=officer, complaint_id=complaint.pk, outcome="not_upheld", response="Stage 2")
    clock(at(D(2027, 2, 1)))
    complaint = complaint_escalate(actor=officer, complaint_id=complaint.pk, reason="Wants a review panel")
    # The panel meets within 30 working days of the request: 2 February to 15 March.
    assert (complaint.current_stage, complaint.due_on) == (3, D(2027, 3, 15))
    with pytest.raises(ValidationError) as error:
        complaint_extend(actor=officer, complaint_id=complaint.pk, extend_to=D(2027, 4, 1), reason="x")
    assert "record when it met" in error.value.message_dict["extend_to"][0]

    clock(at(D(2027, 3, 11)))
    complaint = complaint_panel_record(actor=officer, complaint_id=complaint.pk, met_on=D(2027, 3, 10))
    # The report within 5 working days of the meeting: 17 March.
    assert complaint.due_on == D(2027, 3, 17)
    with pytest.raises(ValidationError) as error:
        complaint_respond(actor=officer, complaint_id=complaint.pk, outcome="upheld", response="Too soon")
    assert "report was received" in error.value.message_dict["outcome"][0]

    clock(at(D(2027, 3, 16), 16))
    complaint = complaint_panel_record(
        actor=officer, complaint_id=complaint.pk, met_on=D(2027, 3, 10), report_on=D(2027, 3, 16)
    )
    # The council's response within 15 working days of the report, over Easter: 8 April.
    stage = stage_of(complaint, 3)
    assert (stage.panel_report_due, stage.panel_response_due, complaint.due_on) == (
        D(2027, 3, 17),
        D(2027, 4, 8),
        D(2027, 4, 8),
    )
    assert (stage.panel_met_on_time, stage.panel_report_on_time, stage.response_due) == (True, True, D(2027, 4, 8))
    clock(at(D(2027, 4, 9)))
    complaint = complaint_respond(
        actor=officer, complaint_id=complaint.pk, outcome="partly_upheld", response="We agree"
    )
    assert complaint.status == ComplaintStatus.RESPONDED
    assert stage_of(complaint, 3).responded_on_time is False


def test_a_panel_cannot_meet_in_the_future_or_report_before_it_met(clock, staff):
    officer = complaints_officer(procedure=Procedure.CHILDREN)
    clock(at(D(2026, 11, 2)))
    complaint = make_complaint(procedure=Procedure.CHILDREN, received_at=at(D(2026, 11, 2)))
    with pytest.raises(ValidationError) as error:
        complaint_panel_record(actor=officer, complaint_id=complaint.pk, met_on=D(2026, 11, 2))
    assert error.value.message_dict == {"met_on": ["This stage has no review panel"]}
    for stage in (1, 2):
        complaint_respond(actor=officer, complaint_id=complaint.pk, outcome="not_upheld", response=f"Stage {stage}")
        complaint = complaint_escalate(actor=officer, complaint_id=complaint.pk)
    with pytest.raises(ValidationError) as error:
        complaint_panel_record(
            actor=officer, complaint_id=complaint.pk, met_on=D(2026, 11, 3), report_on=D(2026, 11, 1)
        )
    assert set(error.value.message_dict) == {"met_on", "report_on"}
    assert stage_of(complaint, 3).panel_met_on is None


def test_the_page_asks_for_the_good_reason_and_keeps_what_was_typed(clock, staff, client_for):
    clock(at(D(2026, 11, 3)))
    complaint = make_complaint(received_at=at(D(2026, 11, 2)))
    handler = staff[Role.COMPLAINTS_OFFICER]
    complaint = complaint_acknowledge(actor=handler, complaint_id=complaint.pk)
    url = reverse("complaints:detail", args=[complaint.reference])
    typed = {
        "action": "extend",
        "extend-version": complaint.version,
        "extend-extend_to_day": "15",
        "extend-extend_to_month": "12",
        "extend-extend_to_year": "2026",
        "extend-reason": "We are taking legal advice",
    }
    page = client_for(handler).post(url, typed).content.decode()
    assert "There is a problem" in page
    assert "Enter the good reason for going beyond the limit" in page
    assert "We are taking legal advice" in page
    assert stage_of(complaint).extended_to is None
    done = client_for(handler).post(url, typed | {"extend-beyond_limit_reason": "A court hearing on 11 December"})
    assert done.status_code == 302
    assert stage_of(complaint).beyond_limit_reason == "A court hearing on 11 December"
    page = client_for(handler).get(url).content.decode()
    assert "beyond the limit, for this good reason: A court hearing on 11 December" in page


def test_the_page_records_an_adults_plan_and_a_childrens_panel(clock, staff, client_for):
    head = staff[Role.HEAD_OF_SERVICE]
    clock(at(D(2026, 11, 2)))
    adults = make_complaint(procedure=Procedure.ADULTS, received_at=at(D(2026, 11, 2)))
    url = reverse("complaints:detail", args=[adults.reference])
    page = client_for(head).get(url).content.decode()
    assert "Agree the plan with the complainant" in page and "Extend the response" not in page
    done = client_for(head).post(
        url,
        {
            "action": "plan",
            "plan-version": adults.version,
            "plan-respond_by_day": "29",
            "plan-respond_by_month": "1",
            "plan-respond_by_year": "2027",
            "plan-note": "Agreed by phone with Mrs Jones",
        },
    )
    assert done.status_code == 302
    assert stage_of(adults).agreed_due == D(2027, 1, 29)

    children = make_complaint(procedure=Procedure.CHILDREN, received_at=at(D(2026, 11, 2)))
    for stage in (1, 2):
        complaint_respond(actor=head, complaint_id=children.pk, outcome="not_upheld", response=f"Stage {stage}")
        children = complaint_escalate(actor=head, complaint_id=children.pk)
    url = reverse("complaints:detail", args=[children.reference])
    page = client_for(head).post(url, {"action": "panel", "panel-version": children.version}).content.decode()
    assert "Enter the date the panel met" in page
    done = client_for(head).post(
        url,
        {
            "action": "panel",
            "panel-version": children.version,
            "panel-met_on_day": "2",
            "panel-met_on_month": "11",
            "panel-met_on_year": "2026",
        },
    )
    assert done.status_code == 302
    assert stage_of(children, 3).panel_report_due == D(2026, 11, 9)


def test_the_api_records_a_plan_and_a_panel_with_field_errors(clock, staff, api_for):
    clock(at(D(2026, 11, 2)))
    client = api_for(Role.HEAD_OF_SERVICE)
    adults = make_complaint(procedure=Procedure.ADULTS, received_at=at(D(2026, 11, 2)))

    def post(url: str, body: dict):
        return client.post(url, json.dumps(body), content_type="application/json")

    refused = post(f"/api/complaints/{adults.reference}/plan", {"version": 1, "respond_by": "2026-10-01", "note": "x"})
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["respond_by"]
    agreed = post(
        f"/api/complaints/{adults.reference}/plan", {"version": 1, "respond_by": "2027-01-29", "note": "By phone"}
    )
    assert agreed.status_code == 200, agreed.content
    assert (agreed.json()["due_on"], agreed.json()["stages"][0]["agreed_due"]) == ("2026-11-05", "2027-01-29")
    # The acknowledgement (3 working days) is still owed first; the stage shows the response date agreed.
    assert agreed.json()["stages"][0]["response_due"] == "2027-01-29"

    corporate = make_complaint(received_at=at(D(2026, 11, 2)))
    wrong = post(f"/api/complaints/{corporate.reference}/panel", {"version": 1, "met_on": "2026-11-02"})
    assert wrong.status_code == 422 and [e["field"] for e in wrong.json()["errors"]] == ["met_on"]
