"""What follows from the contacts: service requests with their history, referrals, satisfaction answers,
and two years of corporate complaints, each as rows of Python values."""

import datetime
import random

from django.utils import timezone

from servicefirst.complaints import deadlines
from servicefirst.complaints.models import ComplaintEvent, ComplaintStatus, FeedbackKind, Outcome, Procedure
from servicefirst.contacts.models import ContactOutcome, ReferralStatus
from servicefirst.core.channels import ContactChannel
from servicefirst.core.workingdays import working_days_add
from servicefirst.demo.borough import activity as a
from servicefirst.demo.borough.structure import Borough
from servicefirst.satisfaction.models import DISSATISFIED_UP_TO, CaptureMethod
from servicefirst.servicerequests.models import RequestPriority, RequestStatus, ServiceRequestEvent
from servicefirst.servicerequests.services import ALLOWED_TRANSITIONS, service_request_due_on

C = ContactChannel
Kind, Visibility = ServiceRequestEvent.Kind, ServiceRequestEvent.Visibility
# Share of requests finished within the SLA, by client service code (street lighting and roads lag).
ON_TIME = {"waste": 0.91, "streetscene": 0.88, "highways": 0.74, "envhealth": 0.8, "parking": 0.9}
ON_TIME_DEFAULT = 0.86
CLOSED_AFTER_WORKING_DAYS = 5
SURVEY_SHARE = 0.10
# Share satisfied (4 or 5) by channel, moved by each site's own difference at the desk.
SATISFIED = {C.PHONE: 0.86, C.FACE_TO_FACE: 0.85, C.EMAIL: 0.81, C.WEB_FORM: 0.84, C.LETTER: 0.8}
SATISFIED |= {C.WEBCHAT: 0.88, C.SOCIAL_MEDIA: 0.76, C.BSL_VIDEO_RELAY: 0.87, C.TEXT_RELAY: 0.87}
SITE_SATISFACTION = {"town-hall": 0.03, "north": 0.0, "south": -0.02, "east": -0.05, "west": 0.02}
SITE_SATISFACTION |= {"library-hub": 0.06, "housing-advice": -0.08}
CAPTURED = {C.PHONE: CaptureMethod.IVR, C.FACE_TO_FACE: CaptureMethod.OFFICER, C.LETTER: CaptureMethod.LINK_LETTER}
CAPTURED |= {C.SOCIAL_MEDIA: CaptureMethod.LINK_TEXT, C.TEXT_RELAY: CaptureMethod.LINK_TEXT}
RESOLVED_NOTE = "Dealt with and the customer told"
SUMMARIES = ("Service not delivered as promised", "Still waiting for a reply", "Unhappy with the decision")
COMPLAINT_CHANNELS = ((C.EMAIL, 35), (C.WEB_FORM, 30), (C.PHONE, 20), (C.LETTER, 8), (C.FACE_TO_FACE, 7))
COMPLAINT_OUTCOMES = ((Outcome.UPHELD, 30), (Outcome.PARTLY_UPHELD, 25), (Outcome.NOT_UPHELD, 45))
LATE_ACKNOWLEDGEMENT, LATE_RESPONSE = 0.08, 0.14


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A moment in office hours on `day`, in UTC."""
    local = datetime.datetime(day.year, day.month, day.day, 9, tzinfo=a.LONDON)
    return (local + datetime.timedelta(seconds=rng.randrange(8 * 3600))).astimezone(a.UTC)


class FollowUps:
    def __init__(self, *, borough: Borough, year: int, seed: int, end: datetime.datetime) -> None:
        self.rng = random.Random(seed + 1)
        self.borough, self.year = borough, year
        self.end = end  # nothing happens at or after it: the year's end, or now
        self.services = {s.pk: s for s in borough.services}
        self.client_codes = {s.pk: s.client_service.code for s in borough.services}
        self.sites = {s.pk: s.code for s in borough.sites}
        self._due: dict[tuple[datetime.date, int], datetime.date] = {}
        self.requests, self.events, self.referrals, self.surveys = [], [], [], []
        self.sr_numbers = 0

    def due_on(self, received_at: datetime.datetime, sla: int) -> datetime.date:
        key = (timezone.localdate(received_at), sla)
        if key not in self._due:
            self._due[key] = service_request_due_on(received_at=received_at, sla_working_days=sla)
        return self._due[key]

    def add(self, row: list) -> None:
        outcome = row[a.OUTCOME]
        if outcome == ContactOutcome.SERVICE_REQUEST_RAISED:
            self._request(row)
        elif outcome == ContactOutcome.REFERRED:
            service = self.services[row[a.SERVICE]]
            self.referrals.append(
                {"id": len(self.referrals) + 1, "contact_id": row[a.ID], "client_service_id": service.client_service_id}
                | {"reason_id": self.rng.choice(self.borough.referral_reasons), "detail": row[a.REASON]}
                | {"status": ReferralStatus.SENT, "referred_by_id": row[a.OFFICER], "created_at": row[a.ENDED]}
                | {"decided_by_id": None, "decided_at": None, "decline_reason": "", "sent_at": row[a.ENDED]}
                | {"version": 1}
            )
        if outcome != ContactOutcome.FAILED and self.rng.random() < SURVEY_SHARE:
            self._survey(row)

    def _request(self, row: list) -> None:
        rng, borough = self.rng, self.borough
        service = self.services[row[a.SERVICE]]
        # Received when the contact began (the SLA counts from then, as `service_request_raise` has it); raised
        # when the officer finished the contact.
        received_at, raised_at, sla = row[a.STARTED], row[a.ENDED], service.sla_working_days
        due = self.due_on(received_at, sla)
        received_on = timezone.localdate(received_at)
        if rng.random() < ON_TIME.get(self.client_codes[service.pk], ON_TIME_DEFAULT):
            done_on = working_days_add(start=received_on, days=rng.randint(0, sla))
        else:
            done_on = working_days_add(start=due, days=rng.randint(1, max(2, sla)))
        officer = rng.choice(borough.client_officers[service.client_service_id])
        manager = rng.choice(borough.managers)
        assigned_at = raised_at + datetime.timedelta(minutes=rng.randint(20, 600))
        resolved_at = max(_at(done_on, rng), assigned_at + datetime.timedelta(minutes=30))
        working_at = assigned_at + (resolved_at - assigned_at) * rng.uniform(0.1, 0.6)
        steps = [(assigned_at, RequestStatus.ASSIGNED), (working_at, RequestStatus.IN_PROGRESS)]
        steps += [(resolved_at, RequestStatus.RESOLVED)]
        closed_at = _at(working_days_add(start=done_on, days=CLOSED_AFTER_WORKING_DAYS), rng)
        if rng.random() < 0.6:
            steps.append((closed_at, RequestStatus.CLOSED))
        steps = [(at, status) for at, status in steps if at < self.end]
        self.sr_numbers += 1
        pk = self.sr_numbers
        events = [(raised_at, row[a.OFFICER], Kind.RAISED, "", RequestStatus.NEW, "", Visibility.PUBLIC)]
        status, changes = RequestStatus.NEW, 0
        for at, step in steps:
            if step == RequestStatus.ASSIGNED:
                events.append((at, manager, Kind.ASSIGNMENT, "", borough.names[officer], "", Visibility.INTERNAL))
            if step not in ALLOWED_TRANSITIONS[status]:
                raise RuntimeError(f"{status} -> {step} is not allowed")
            public = step in (RequestStatus.RESOLVED,)
            by = manager if step == RequestStatus.ASSIGNED else officer
            note = RESOLVED_NOTE if public else ""
            events.append(
                (at, by, Kind.STATUS, status, step, note, Visibility.PUBLIC if public else Visibility.INTERNAL)
            )
            status, changes = step, changes + 1
        for at, by, kind, old, new, note, visibility in events:
            field = "assigned_officer" if kind == Kind.ASSIGNMENT else "status"
            self.events.append(
                {"id": len(self.events) + 1, "request_id": pk, "at": at, "by_id": by, "kind": kind, "field": field}
                | {"old_value": old, "new_value": new, "note": note, "visibility": visibility}
            )
        finished = status in (RequestStatus.RESOLVED, RequestStatus.CLOSED)
        self.requests.append(
            {"id": pk, "reference": f"SR-{self.year}-{pk:06d}", "council_service_id": service.pk}
            | {"client_service_id": service.client_service_id, "customer_id": row[a.CUSTOMER], "contact_id": row[a.ID]}
            | {"site_id": row[a.SITE]}
            | {"channel": row[a.CHANNEL], "description": row[a.REASON], "answers": {}, "status": status}
            | {"priority": RequestPriority.URGENT if sla <= 2 else RequestPriority.NORMAL}
            | {"assigned_officer_id": officer if status != RequestStatus.NEW else None, "received_at": received_at}
            | {"due_on": due, "resolved_at": resolved_at if finished else None, "raised_by_id": row[a.OFFICER]}
            | {"sla_paused_since": None, "sla_paused_working_days": 0}
            | {"version": 1 + changes, "created_at": raised_at, "updated_at": events[-1][0]}
        )

    def finish(self) -> None:
        """Numbers the requests in order of receipt, as `service_request_raise` would have, with their events."""
        order = sorted(self.requests, key=lambda r: (r["received_at"], r["contact_id"]))
        renumber = {r["id"]: pk for pk, r in enumerate(order, start=1)}
        for request in order:
            request["id"] = renumber[request["id"]]
            request["reference"] = f"SR-{self.year}-{request['id']:06d}"
        for event in self.events:
            event["request_id"] = renumber[event["request_id"]]
        self.events.sort(key=lambda e: (e["request_id"], e["id"]))
        for pk, event in enumerate(self.events, start=1):
            event["id"] = pk
        self.requests = order

    def _survey(self, row: list) -> None:
        rng = self.rng
        channel, site = row[a.CHANNEL], row[a.SITE]
        satisfied = SATISFIED[channel] + (SITE_SATISFACTION[self.sites[site]] if site else 0.0)
        if rng.random() < satisfied:
            rating = 5 if rng.random() < 0.55 else 4
        else:
            rating = rng.choices((3, 2, 1), weights=(50, 30, 20))[0]
        captured = CAPTURED.get(channel, CaptureMethod.LINK_EMAIL)
        later = datetime.timedelta(minutes=2) if captured == CaptureMethod.IVR else datetime.timedelta(hours=3)
        responded_at = row[a.ENDED] + (datetime.timedelta(0) if captured == CaptureMethod.OFFICER else later)
        if responded_at >= self.end:
            return
        self.surveys.append(
            {"id": len(self.surveys) + 1, "contact_id": row[a.ID], "rating": rating, "captured_by": captured}
            | {"reason_id": rng.choice(self.borough.dissatisfaction) if rating <= DISSATISFIED_UP_TO else None}
            | {"comment": "", "recorded_by_id": row[a.OFFICER] if captured == CaptureMethod.OFFICER else None}
            | {"kiosk_id": None, "responded_at": responded_at, "created_at": responded_at}
        )


def complaints_rows(*, borough: Borough, planned: dict[int, int], customers: int, seed: int, end: datetime.datetime):
    """Corporate stage-1 complaints per year: acknowledged, answered and closed as the services would
    (deadlines from `complaints.deadlines` and the corporate rule), each step only if it came before `end`, so
    those received near it are still open. A year still at `end` keeps the complaints received so far."""
    rng = random.Random(seed + 2)
    rule = borough.corporate_rule
    terms = deadlines.StageTerms(
        rule.acknowledge_days, rule.respond_days, rule.respond_unit, rule.from_acknowledgement, rule.max_extension_days
    )
    services = [s for s in borough.services if s.lgsl.code in a.SERVICE_WEIGHTS]
    weights = [a.SERVICE_WEIGHTS[s.lgsl.code] for s in services]
    complaints, stages, events, sequences = [], [], [], {}
    for year, count in sorted(planned.items()):
        received = [at for at in sorted(_at(_day(year, rng), rng) for _ in range(count)) if at < end]
        if received:
            sequences[year] = len(received)
        for number, received_at in enumerate(received, start=1):
            pk = len(complaints) + 1
            service = rng.choices(services, weights=weights)[0]
            opened_on = timezone.localdate(received_at)
            ack_due = deadlines.acknowledge_due(terms=terms, opened_on=opened_on)
            ack_late = rng.random() < LATE_ACKNOWLEDGEMENT
            ack_on = working_days_add(
                start=ack_due if ack_late else opened_on, days=rng.randint(1, rule.acknowledge_days)
            )
            respond_due = deadlines.respond_due(terms=terms, opened_on=opened_on, acknowledged_on=ack_on)
            late = rng.random() < LATE_RESPONSE
            respond_on = working_days_add(
                start=respond_due if late else ack_on, days=rng.randint(1, 8 if late else rule.respond_days)
            )
            handler = rng.choice(borough.complaints_officers)
            assigned_at = received_at + datetime.timedelta(minutes=rng.randint(10, 240))
            # Each step is a working day or more after the one before, and none is at or after `end`.
            acknowledged_at, responded_at = _before(end, _at(ack_on, rng)), _before(end, _at(respond_on, rng))
            responded_at = responded_at if acknowledged_at else None
            closed_at = _before(end, responded_at + datetime.timedelta(hours=1)) if responded_at else None
            outcome = rng.choices(*zip(*COMPLAINT_OUTCOMES, strict=True))[0] if responded_at else ""
            status = ComplaintStatus.CLOSED if closed_at else ComplaintStatus.RECEIVED
            if responded_at and not closed_at:
                status = ComplaintStatus.RESPONDED
            elif acknowledged_at and not responded_at:
                status = ComplaintStatus.INVESTIGATING
            assigned = handler if assigned_at < end else None
            stage_due = respond_due if acknowledged_at else deadlines.respond_due(terms=terms, opened_on=opened_on)
            stages.append(
                {"id": pk, "complaint_id": pk, "stage": 1, "opened_at": received_at, "acknowledge_due": ack_due}
                | {"respond_due": stage_due, "acknowledged_at": acknowledged_at, "responded_at": responded_at}
                | {"extended_to": None, "extension_reason": "", "customer_told_at": None, "outcome": outcome}
                | {"response": "Our findings and what we will do" if responded_at else "", "handled_by_id": assigned}
                | {"respond_days": terms.respond_days, "respond_unit": terms.respond_unit}
                | {"from_acknowledgement": terms.from_acknowledgement, "max_extension_days": terms.max_extension_days}
                | {"beyond_limit_reason": "", "by_agreement": rule.by_agreement, "agreed_due": None, "agreed_at": None}
                | {"agreement_note": "", "panel_report_days": rule.panel_report_days}
                | {"panel_response_days": rule.panel_response_days, "panel_met_on": None, "panel_report_due": None}
                | {"panel_report_on": None, "panel_response_due": None}
            )
            steps = [(received_at, ComplaintEvent.Kind.RECORDED, "")]
            if assigned:
                steps.append((assigned_at, ComplaintEvent.Kind.ASSIGNED, borough.names[handler]))
            if acknowledged_at:
                steps.append((acknowledged_at, ComplaintEvent.Kind.ACKNOWLEDGED, ""))
            if responded_at:
                note = f"{Outcome(outcome).label}. Our findings and what we will do"
                steps += [(responded_at, ComplaintEvent.Kind.RESPONDED, note)]
            if closed_at:
                steps += [(closed_at, ComplaintEvent.Kind.CLOSED, "")]
            for at, kind, note in steps:
                events.append(
                    {"id": len(events) + 1, "complaint_id": pk, "at": at, "by_id": handler, "kind": kind}
                    | {"stage": 1, "note": note}
                )
            changes = len(steps) - 1
            complaints.append(
                {"id": pk, "reference": f"CMP-{year}-{number:06d}", "kind": FeedbackKind.COMPLAINT}
                | {"procedure": Procedure.CORPORATE, "team_id": borough.corporate_team, "assigned_officer_id": assigned}
                | {"customer_id": 1 + int(customers * rng.random()), "contact_id": None}
                | {"channel": rng.choices(*zip(*COMPLAINT_CHANNELS, strict=True))[0], "received_at": received_at}
                | {"council_service_id": service.pk, "client_service_id": service.client_service_id}
                | {"theme_id": rng.choice(borough.themes), "summary": rng.choice(SUMMARIES), "details": ""}
                | {"status": status, "current_stage": 1, "due_on": _owed(status, ack_due, stage_due)}
                | {"acknowledged_at": acknowledged_at, "responded_at": responded_at, "outcome": outcome}
                | {"closed_at": closed_at, "ombudsman": "", "ombudsman_referred_on": None, "ombudsman_reference": ""}
                | {"ombudsman_decision": "", "ombudsman_decided_on": None, "recorded_by_id": handler}
                | {"version": 1 + changes, "created_at": received_at, "updated_at": steps[-1][0]}
            )
    return complaints, stages, events, sequences


def _day(year: int, rng: random.Random) -> datetime.date:
    """A working-ish day of `year`, with winter (the seed's adverse weather) a little busier."""
    day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    if day.month in (1, 2, 12) or rng.random() < 0.9:
        return day if day.weekday() < 5 else day - datetime.timedelta(days=day.weekday() - 4)
    return _day(year, rng)


def _before(end: datetime.datetime, moment: datetime.datetime) -> datetime.datetime | None:
    return moment if moment < end else None


def _owed(status: str, acknowledge_due: datetime.date, respond_due: datetime.date) -> datetime.date | None:
    """What the council next owes the customer, as the services keep it on the complaint."""
    if status == ComplaintStatus.RECEIVED:
        return acknowledge_due
    return respond_due if status == ComplaintStatus.INVESTIGATING else None
