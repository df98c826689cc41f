"""Two and a bit financial years of complaints for the reports, made through the complaints services with the
dates things really happened (`at=`), so stages, deadlines and outcomes are the real ones."""

import datetime
import zoneinfo
from dataclasses import dataclass, field

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import (
    Complaint,
    ComplaintTheme,
    FeedbackKind,
    Ombudsman,
    OmbudsmanDecision,
    Outcome,
    Procedure,
    RemedyKind,
)
from servicefirst.complaints.services import (
    LearningActionData,
    RemedyData,
    complaint_acknowledge,
    complaint_escalate,
    complaint_extend,
    complaint_ombudsman_decision,
    complaint_respond,
    learning_action_complete,
)
from tests.factories import ClientServiceFactory, CouncilServiceFactory, DirectorateFactory, UserFactory, make_customer
from tests.factories_complaints import complaints_officer, make_complaint

LONDON = zoneinfo.ZoneInfo("Europe/London")
# Names that must never appear on a report page.
CUSTOMER_NAME = ("Wilhelmina", "Fotheringay")
RECORDER_NAME = ("Bartholomew", "Quartermaine")
HANDLER_NAMES = (("Perpetua", "Ravenscroft"), ("Octavius", "Pennyfeather"))


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


@dataclass
class ReportData:
    corporate: list[Complaint] = field(default_factory=list)
    refuse: object = None
    parking: object = None
    recorder: object = None
    handlers: list = field(default_factory=list)
    customer: object = None


def complaints_two_years() -> ReportData:
    """Corporate complaints in 2023/24 (one), 2024/25 and 2025/26, compliments and comments in both of the last two,
    and one of each outcome, extension, escalation, Ombudsman decision, remedy and learning action."""
    place = DirectorateFactory(name="Place", code="place")
    resources = DirectorateFactory(name="Resources", code="resources")
    waste = ClientServiceFactory(name="Street cleansing and refuse", code="refuse", directorate=place)
    parking = ClientServiceFactory(name="Parking enforcement", code="enforcement", directorate=resources)
    refuse = CouncilServiceFactory(name="Refuse collection", client_service=waste)
    permits = CouncilServiceFactory(name="Parking permits", client_service=parking)
    missed = ComplaintTheme.objects.get(code="missed-collection")
    staff_conduct = ComplaintTheme.objects.get(code="staff-conduct")

    recorder = UserFactory(role=Role.OFFICER, first_name=RECORDER_NAME[0], last_name=RECORDER_NAME[1])
    first, second = (complaints_officer(first_name=f, last_name=last) for f, last in HANDLER_NAMES)
    customer = make_customer(actor=recorder, first_name=CUSTOMER_NAME[0], last_name=CUSTOMER_NAME[1])
    data = ReportData(refuse=refuse, parking=permits, recorder=recorder, handlers=[first, second], customer=customer)

    def complaint(received: datetime.datetime, service=None, theme=None) -> Complaint:
        made = make_complaint(
            actor=recorder,
            customer=customer,
            received_at=received,
            council_service=service.pk if service else None,
            theme=theme.pk if theme else None,
        )
        data.corporate.append(made)
        return made

    # 2023/24: one, on its first day, so the records cover the year and the change the year before can be worked out.
    complaint(at(2023, 4, 1), refuse, missed)

    # 2024/25.
    p1 = complaint(at(2024, 5, 10), refuse, missed)
    complaint_respond(actor=first, complaint_id=p1.pk, outcome=Outcome.UPHELD, response="Sorry.", at=at(2024, 5, 14))
    complaint(at(2025, 1, 15), refuse, missed)
    complaint(at(2024, 9, 2), permits, staff_conduct)
    complaint(at(2025, 1, 20), permits, staff_conduct)

    # 2025/26. Late on 31 March 2025 by the clock in UTC, but 1 April in London: the new year.
    edge = complaint(datetime.datetime(2025, 3, 31, 23, 30, tzinfo=datetime.UTC), refuse, missed)
    complaint_acknowledge(actor=first, complaint_id=edge.pk, at=at(2025, 4, 2))
    complaint_respond(
        actor=first, complaint_id=edge.pk, outcome=Outcome.NOT_UPHELD, response="No fault.", at=at(2025, 4, 9)
    )

    c1 = complaint(at(2025, 4, 7), refuse, missed)
    complaint_acknowledge(actor=first, complaint_id=c1.pk, at=at(2025, 4, 8))
    complaint_respond(
        actor=first,
        complaint_id=c1.pk,
        outcome=Outcome.UPHELD,
        response="We missed your bin; a crew will come today.",
        remedies=[RemedyData(kind=RemedyKind.APOLOGY), RemedyData(kind=RemedyKind.FINANCIAL, amount="50.00")],
        learning_actions=[
            LearningActionData(
                action="Add the street to the round", owner="Waste manager", due_on=datetime.date(2025, 5, 30)
            )
        ],
        at=at(2025, 4, 15),
    )
    action = c1.learning_actions.get()
    learning_action_complete(actor=first, action_id=action.pk, at=at(2025, 5, 20))

    # Acknowledged and answered late.
    c2 = complaint(at(2026, 1, 12), refuse, missed)
    complaint_acknowledge(actor=first, complaint_id=c2.pk, at=at(2026, 1, 30))
    complaint_respond(
        actor=first,
        complaint_id=c2.pk,
        outcome=Outcome.PARTLY_UPHELD,
        response="Partly our fault.",
        remedies=[RemedyData(kind=RemedyKind.FINANCIAL, amount="25.50")],
        learning_actions=[
            LearningActionData(action="Retrain the crew", owner="Depot", due_on=datetime.date(2026, 4, 30))
        ],
        at=at(2026, 3, 2),
    )

    # Extended, answered within the extension, escalated to stage 2, then to the Ombudsman, who decides.
    c3 = complaint(at(2026, 1, 13), refuse, missed)
    complaint_acknowledge(actor=first, complaint_id=c3.pk, at=at(2026, 1, 14))
    stage_1 = c3.stages.get(stage=1)
    complaint_extend(
        actor=first,
        complaint_id=c3.pk,
        extend_to=stage_1.respond_due + datetime.timedelta(days=7),
        reason="Waiting for the crew's tracker data",
        at=at(2026, 1, 20),
    )
    complaint_respond(
        actor=first,
        complaint_id=c3.pk,
        outcome=Outcome.NOT_UPHELD,
        response="The tracker shows the crew called.",
        at=datetime.datetime.combine(stage_1.respond_due + datetime.timedelta(days=5), datetime.time(10), LONDON),
    )
    complaint_escalate(actor=first, complaint_id=c3.pk, reason="Not satisfied", at=at(2026, 2, 10))
    complaint_acknowledge(actor=second, complaint_id=c3.pk, at=at(2026, 2, 11))
    complaint_respond(
        actor=second, complaint_id=c3.pk, outcome=Outcome.NOT_UPHELD, response="Upholding stage 1.", at=at(2026, 3, 5)
    )
    complaint_escalate(actor=second, complaint_id=c3.pk, ombudsman=Ombudsman.LGSCO, at=at(2026, 3, 10))
    complaint_ombudsman_decision(
        actor=second,
        complaint_id=c3.pk,
        decision=OmbudsmanDecision.NOT_UPHELD,
        decided_on=datetime.date(2026, 3, 25),
        at=at(2026, 3, 26),
    )

    # Acknowledged, never answered: open and overdue.
    c4 = complaint(at(2026, 1, 14), permits, staff_conduct)
    complaint_acknowledge(actor=first, complaint_id=c4.pk, at=at(2026, 1, 15))
    # Never acknowledged, no service or theme: open and overdue.
    complaint(at(2025, 6, 2))

    for received in (at(2025, 5, 5), at(2025, 12, 1), at(2024, 7, 7)):
        make_complaint(actor=recorder, kind=FeedbackKind.COMPLIMENT, received_at=received, summary="Great crew")
    make_complaint(actor=recorder, kind=FeedbackKind.COMMENT, received_at=at(2025, 8, 8), summary="Bigger bins?")
    for complaint_row in data.corporate:
        complaint_row.refresh_from_db()
    return data


def statutory_complaint(data: ReportData, *, received: datetime.datetime) -> Complaint:
    """An adults' social care complaint answered with a remedy and a learning action, touching every kind of row a
    corporate figure is built from."""
    head = UserFactory(role=Role.HEAD_OF_SERVICE)
    made = make_complaint(
        actor=data.recorder,
        customer=data.customer,
        procedure=Procedure.ADULTS,
        received_at=received,
        council_service=data.refuse.pk,
        theme=ComplaintTheme.objects.get(code="missed-collection").pk,
    )
    complaint_acknowledge(actor=head, complaint_id=made.pk, at=received + datetime.timedelta(days=1))
    complaint_respond(
        actor=head,
        complaint_id=made.pk,
        outcome=Outcome.UPHELD,
        response="Care plan changed.",
        remedies=[RemedyData(kind=RemedyKind.FINANCIAL, amount="400.00")],
        learning_actions=[
            LearningActionData(
                action="Review care plans", owner="Adults", due_on=(received + datetime.timedelta(days=60)).date()
            )
        ],
        at=received + datetime.timedelta(days=20),
    )
    return made
