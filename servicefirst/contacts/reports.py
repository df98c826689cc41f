"""Aggregate reports: counts only, never a customer's details, so councillors may read them, with small counts
hidden as `core.disclosure` says (`*_shown`)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from servicefirst.contacts.models import AgreedAction, Contact, ContactOutcome, Referral, ReferralStatus
from servicefirst.core.disclosure import SUPPRESSED, Disclosure, Shown

NO_SERVICE = "No client service"


@dataclass
class ActionFigures:
    agreed: int = 0
    completed_on_time: int = 0
    completed_late: int = 0
    overdue: int = 0
    open_not_due: int = 0

    @property
    def carried_out(self) -> int:
        return self.completed_on_time + self.completed_late

    def add(self, other: "ActionFigures") -> None:
        for name in ("agreed", "completed_on_time", "completed_late", "overdue", "open_not_due"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class ServiceActionRow:
    client_service: str
    figures: ActionFigures


@dataclass
class DirectorateActionRows:
    directorate: str
    services: list[ServiceActionRow] = field(default_factory=list)
    total: ActionFigures = field(default_factory=ActionFigures)


@dataclass
class ActionsReport:
    directorates: list[DirectorateActionRows]
    total: ActionFigures


def actions_report(
    *, agreed_from: datetime.date | None = None, agreed_to: datetime.date | None = None
) -> ActionsReport:
    """Actions agreed with customers against those carried out, by the client service answerable for each.

    An action owned by an officer counts against the client service of the contact's service, because
    the report is how the front office and each back-office service see what was promised about their work.
    """
    today = timezone.localdate()
    actions = AgreedAction.objects.annotate(
        service_id=Coalesce("owner_client_service_id", "contact__council_service__client_service_id"),
        service_name=Coalesce("owner_client_service__name", "contact__council_service__client_service__name"),
        directorate_name=Coalesce(
            "owner_client_service__directorate__name", "contact__council_service__client_service__directorate__name"
        ),
        completed_on=TruncDate("completed_at"),
    )
    if agreed_from:
        actions = actions.filter(contact__started_at__date__gte=agreed_from)
    if agreed_to:
        actions = actions.filter(contact__started_at__date__lte=agreed_to)
    rows = (
        actions.values("service_id", "service_name", "directorate_name")
        .annotate(
            agreed=Count("id"),
            completed_on_time=Count("id", filter=Q(completed_at__isnull=False, completed_on__lte=F("due_on"))),
            completed_late=Count("id", filter=Q(completed_at__isnull=False, completed_on__gt=F("due_on"))),
            overdue=Count("id", filter=Q(completed_at__isnull=True, due_on__lt=today)),
            open_not_due=Count("id", filter=Q(completed_at__isnull=True, due_on__gte=today)),
        )
        .order_by("directorate_name", "service_name")
    )
    directorates: dict[str, DirectorateActionRows] = {}
    total = ActionFigures()
    for row in rows:
        figures = ActionFigures(
            agreed=row["agreed"],
            completed_on_time=row["completed_on_time"],
            completed_late=row["completed_late"],
            overdue=row["overdue"],
            open_not_due=row["open_not_due"],
        )
        name = row["directorate_name"] or NO_SERVICE
        group = directorates.setdefault(name, DirectorateActionRows(directorate=name))
        group.services.append(ServiceActionRow(client_service=row["service_name"] or NO_SERVICE, figures=figures))
        group.total.add(figures)
        total.add(figures)
    return ActionsReport(directorates=list(directorates.values()), total=total)


@dataclass(frozen=True)
class ShownRow:
    label: str
    cells: list[Shown]


def _action_counts(figures: ActionFigures) -> list[int]:
    return [figures.agreed, figures.completed_on_time, figures.completed_late, figures.overdue, figures.open_not_due]


def _shown_rows(labelled: list[tuple[str, list[int]]], hidden: set[int]) -> list[ShownRow]:
    return [
        ShownRow(label, [SUPPRESSED] * len(counts) if number in hidden else list(counts))
        for number, (label, counts) in enumerate(labelled)
    ]


@dataclass(frozen=True)
class ShownDirectorate:
    services: list[ShownRow]
    total: ShownRow


def actions_report_shown(report: ActionsReport, *, disclosure: Disclosure) -> tuple[list[ShownDirectorate], ShownRow]:
    """Each directorate's services, its total and the council's, with a service or directorate hidden whole
    where any of its figures is small, and a second one where one alone would come back from the total."""
    totals = [(f"{g.directorate} (directorate total)", _action_counts(g.total)) for g in report.directorates]
    hidden_totals = disclosure.hidden_rows([counts for _, counts in totals])
    directorates = []
    for group, total in zip(report.directorates, _shown_rows(totals, hidden_totals), strict=True):
        services = [(row.client_service, _action_counts(row.figures)) for row in group.services]
        hidden = disclosure.hidden_rows([counts for _, counts in services])
        directorates.append(ShownDirectorate(_shown_rows(services, hidden), total))
    [overall] = _shown_rows(
        [("All services", _action_counts(report.total))],
        disclosure.hidden_rows([_action_counts(report.total)], total=False),
    )
    return directorates, overall


@dataclass
class ReferralReasonRow:
    reason: str
    referred: int
    sent: int
    awaiting_authorisation: int
    declined: int


@dataclass
class ServiceReferralRows:
    client_service: str
    directorate: str
    reasons: list[ReferralReasonRow]

    @property
    def referred(self) -> int:
        return sum(r.referred for r in self.reasons)


def referral_reasons_report(
    *, referred_from: datetime.date | None = None, referred_to: datetime.date | None = None
) -> list[ServiceReferralRows]:
    """How many contacts were referred to each client service, and why."""
    referrals = Referral.objects.all()
    if referred_from:
        referrals = referrals.filter(contact__started_at__date__gte=referred_from)
    if referred_to:
        referrals = referrals.filter(contact__started_at__date__lte=referred_to)
    rows = (
        referrals.values("client_service__name", "client_service__directorate__name", "reason__label")
        .annotate(
            referred=Count("id"),
            sent=Count("id", filter=Q(status=ReferralStatus.SENT)),
            awaiting_authorisation=Count("id", filter=Q(status=ReferralStatus.PENDING_AUTHORISATION)),
            declined=Count("id", filter=Q(status=ReferralStatus.DECLINED)),
        )
        .order_by("client_service__name", "-referred", "reason__label")
    )
    services: dict[str, ServiceReferralRows] = {}
    for row in rows:
        name = row["client_service__name"]
        group = services.setdefault(
            name,
            ServiceReferralRows(client_service=name, directorate=row["client_service__directorate__name"], reasons=[]),
        )
        group.reasons.append(
            ReferralReasonRow(
                reason=row["reason__label"],
                referred=row["referred"],
                sent=row["sent"],
                awaiting_authorisation=row["awaiting_authorisation"],
                declined=row["declined"],
            )
        )
    return list(services.values())


@dataclass(frozen=True)
class ShownReferrals:
    client_service: str
    directorate: str
    referred: Shown
    reasons: list[ShownRow]


def referral_reasons_shown(services: list[ServiceReferralRows], *, disclosure: Disclosure) -> list[ShownReferrals]:
    """Each service's reasons, a reason hidden whole where any of its figures is small, and a second where one
    alone would come back from the service's total referred."""
    shown = []
    for service in services:
        rows = [(r.reason, [r.referred, r.sent, r.awaiting_authorisation, r.declined]) for r in service.reasons]
        hidden = disclosure.hidden_rows([counts for _, counts in rows])
        shown.append(
            ShownReferrals(
                service.client_service,
                service.directorate,
                disclosure.count(service.referred),
                _shown_rows(rows, hidden),
            )
        )
    return shown


@dataclass(frozen=True)
class RepeatShare:
    contacts: int  # with a known customer: an anonymous contact can never be a repeat
    repeats: int


def repeat_share(*, since: datetime.datetime) -> RepeatShare:
    counts = Contact.objects.filter(started_at__gte=since, customer__isnull=False).aggregate(
        contacts=Count("id"), repeats=Count("id", filter=Q(is_repeat=True))
    )
    return RepeatShare(**counts)


def agreed_actions_overdue_count() -> int:
    return AgreedAction.objects.filter(completed_at__isnull=True, due_on__lt=timezone.localdate()).count()


def referrals_awaiting_authorisation_count() -> int:
    return Referral.objects.filter(status=ReferralStatus.PENDING_AUTHORISATION).count()


@dataclass(frozen=True)
class ContactFigures:
    """One client service's contacts, the basis of its recharge."""

    client_service: str
    directorate: str
    contacts: int
    resolvable: int
    identified: int
    resolved_first_contact: int
    repeats: int
    avoidable: int
    average_seconds: int

    def share(self, count: int, of: int | None = None) -> str:
        of = self.contacts if of is None else of
        return f"{count / of:.0%}" if of else "–"

    # Over the bases the dashboard defines (`performance.definitions`, docs/MEASURES.md): resolution over the
    # contacts the front office could resolve (not failed or abandoned), repeats over identified contacts.
    @property
    def resolved_share(self) -> str:
        return self.share(self.resolved_first_contact, self.resolvable)

    @property
    def repeat_share(self) -> str:
        return self.share(self.repeats, self.identified)

    @property
    def avoidable_share(self) -> str:
        return self.share(self.avoidable)

    @property
    def average_time(self) -> str:
        minutes, seconds = divmod(self.average_seconds, 60)
        return f"{minutes}:{seconds:02d}"


def contacts_report(
    *, started_from: datetime.date | None = None, started_to: datetime.date | None = None
) -> list[ContactFigures]:
    """Contacts by client service: first-contact resolution, repeats, avoidable contacts and transaction time."""
    contacts = Contact.objects.all()
    if started_from:
        contacts = contacts.filter(started_at__date__gte=started_from)
    if started_to:
        contacts = contacts.filter(started_at__date__lte=started_to)
    rows = (
        contacts.values("council_service__client_service__name", "council_service__client_service__directorate__name")
        .annotate(
            contacts=Count("id"),
            resolvable=Count("id", filter=~Q(outcome=ContactOutcome.FAILED)),
            identified=Count("id", filter=Q(customer__isnull=False)),
            resolved_first_contact=Count("id", filter=Q(outcome=ContactOutcome.RESOLVED_FIRST_CONTACT)),
            repeats=Count("id", filter=Q(is_repeat=True)),
            avoidable=Count("id", filter=Q(is_avoidable=True)),
            total_time=Sum(F("ended_at") - F("started_at")),
        )
        .order_by("council_service__client_service__directorate__name", "council_service__client_service__name")
    )
    return [
        ContactFigures(
            client_service=row["council_service__client_service__name"] or NO_SERVICE,
            directorate=row["council_service__client_service__directorate__name"] or "",
            contacts=row["contacts"],
            resolvable=row["resolvable"],
            identified=row["identified"],
            resolved_first_contact=row["resolved_first_contact"],
            repeats=row["repeats"],
            avoidable=row["avoidable"],
            average_seconds=round(row["total_time"].total_seconds() / row["contacts"]) if row["total_time"] else 0,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class ShownContactFigures:
    client_service: str
    directorate: str
    contacts: Shown
    resolved_first_contact: str
    repeats: str
    avoidable: str
    average_time: str


def contacts_report_shown(rows: list[ContactFigures], *, disclosure: Disclosure) -> list[ShownContactFigures]:
    """A client service hidden whole where any count, or what is left of its base, is small; and a second one
    where one alone would come back from the dashboard's total of contacts for the same days."""
    checked = [
        [
            r.contacts,
            r.resolved_first_contact,
            r.resolvable - r.resolved_first_contact,
            r.repeats,
            r.identified - r.repeats,
            r.avoidable,
            r.contacts - r.avoidable,
        ]
        for r in rows
    ]
    hidden = disclosure.hidden_rows(checked)
    return [
        ShownContactFigures(r.client_service, r.directorate, *[SUPPRESSED] * 5)
        if number in hidden
        else ShownContactFigures(
            r.client_service,
            r.directorate,
            r.contacts,
            f"{r.resolved_first_contact} ({r.resolved_share})",
            f"{r.repeats} ({r.repeat_share})",
            f"{r.avoidable} ({r.avoidable_share})",
            r.average_time,
        )
        for number, r in enumerate(rows)
    ]
