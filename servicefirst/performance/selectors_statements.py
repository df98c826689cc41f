"""Client service statements: what the front office did for one client service in one month, and its recharge.

Money is Decimal throughout. Each recharge line is rounded half up to the penny and the total is the sum of
the lines, so the statement adds up as printed. A per-minute line charges the line's total transaction time
in minutes to two decimal places (half up); no single contact's time is rounded up to a whole minute.
"""

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from servicefirst.catalogue.selectors import council_services_for_client_service
from servicefirst.contacts.selectors import contact_first_started_at
from servicefirst.core.channels import ContactChannel
from servicefirst.core.disclosure import SUPPRESSED, Disclosure, shown_or
from servicefirst.core.exports import Column, Kind, Table
from servicefirst.organisation.selectors import ClientService
from servicefirst.performance.models import ChargeBasis, ContactDayFact, RechargeRate, RequestDayFact
from servicefirst.servicerequests.selectors import (
    paused_figures,
    service_request_month_end_counts,
    service_request_pauses_ended,
    service_requests_for_client_service,
)

PENNY = Decimal("0.01")
_ONE_DP = Decimal("0.1")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_CHANNEL_ORDER = {channel.value: index for index, channel in enumerate(ContactChannel)}


def money(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_ONE_DP, rounding=ROUND_HALF_UP)


def minutes_and_seconds(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def days(self) -> list[datetime.date]:
        return [self.first_day + datetime.timedelta(days=n) for n in range(self.last_day.day)]

    @property
    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.first_day, datetime.time.min))

    @property
    def ends_before(self) -> datetime.datetime:
        following = self.last_day + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(following, datetime.time.min))

    @property
    def slug(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return self.first_day.strftime("%B %Y")

    def previous(self) -> "Month":
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)


def month_current() -> Month:
    today = timezone.localdate()
    return Month(today.year, today.month)


def month_parse(text: str) -> Month | None:
    """A month as yyyy-mm, no later than this month; None for anything else."""
    match = _MONTH.match(text)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if year < 2000 or not 1 <= month <= 12:
        return None
    chosen = Month(year, month)
    return chosen if chosen.first_day <= month_current().first_day else None


def months_on_record() -> list[Month]:
    """This month and every month back to that of the first contact on record, newest first, so a statement
    stays reachable however old its month is (this month alone before the first contact)."""
    months = [month_current()]
    started = contact_first_started_at()
    if started is None:
        return months
    first = timezone.localdate(started)
    first_month = Month(first.year, first.month)
    while months[-1].first_day > first_month.first_day:
        months.append(months[-1].previous())
    return months


@dataclass
class ChannelFigures:
    channel: str
    label: str
    contacts: int = 0
    identified: int = 0
    repeats: int = 0
    seconds: int = 0

    @property
    def average_seconds(self) -> int:
        if not self.contacts:
            return 0
        return int((Decimal(self.seconds) / Decimal(self.contacts)).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def repeat_percent(self) -> Decimal | None:
        """Over the contacts with a known customer: an anonymous contact can never be a repeat."""
        return percent(self.repeats, self.identified)

    @property
    def repeat_percent_of_all(self) -> Decimal | None:
        """Over every contact, as statements first showed it, for comparing with earlier months' statements."""
        return percent(self.repeats, self.contacts)


@dataclass
class RequestFigures:
    received: int
    resolved: int
    resolved_within_sla: int
    open_overdue: int
    target_percent: Decimal
    open_paused: int
    pauses_ended: int
    paused_working_days: int

    @property
    def within_sla_percent(self) -> Decimal | None:
        return percent(self.resolved_within_sla, self.resolved)

    @property
    def target_met(self) -> bool | None:
        achieved = self.within_sla_percent
        return None if achieved is None else achieved >= self.target_percent


@dataclass
class RechargeLine:
    channel: str
    label: str
    rate: RechargeRate | None
    applies_from: datetime.date
    applies_to: datetime.date
    contacts: int = 0
    seconds: int = 0

    @property
    def minutes(self) -> Decimal:
        return (Decimal(self.seconds) / 60).quantize(PENNY, rounding=ROUND_HALF_UP)

    @property
    def quantity(self) -> Decimal:
        if self.rate is not None and self.rate.basis == ChargeBasis.PER_MINUTE:
            return self.minutes
        return Decimal(self.contacts)

    @property
    def amount(self) -> Decimal:
        return money(self.quantity * self.rate.amount) if self.rate is not None else Decimal("0.00")


@dataclass
class Statement:
    client_service: ClientService
    month: Month
    as_at: datetime.datetime
    channels: list[ChannelFigures]
    total: ChannelFigures
    requests: RequestFigures
    recharge: list[RechargeLine] = field(default_factory=list)

    @property
    def recharge_total(self) -> Decimal:
        return sum((line.amount for line in self.recharge), Decimal("0.00"))

    @property
    def unpriced(self) -> list[str]:
        return [line.label for line in self.recharge if line.rate is None]

    @property
    def month_complete(self) -> bool:
        return self.as_at >= self.month.ends_before


def _rate_on(rates: list[RechargeRate], day: datetime.date) -> RechargeRate | None:
    """The client service's own rate in force that day, else the default; `rates` run oldest first."""
    in_force = [rate for rate in rates if rate.effective_from <= day]
    own = [rate for rate in in_force if rate.client_service_id is not None]
    return (own or in_force or [None])[-1]


def _recharge_lines(
    *, client_service: ClientService, month: Month, daily: dict[tuple[str, datetime.date], tuple[int, int]]
) -> list[RechargeLine]:
    channels = sorted({channel for channel, _ in daily}, key=lambda c: _CHANNEL_ORDER.get(c, 99))
    rates = list(
        RechargeRate.objects.filter(channel__in=channels, effective_from__lte=month.last_day)
        .filter(Q(client_service__isnull=True) | Q(client_service=client_service))
        .order_by("effective_from", "client_service_id")
    )
    labels = dict(ContactChannel.choices)
    lines: list[RechargeLine] = []
    for channel in channels:
        channel_rates = [rate for rate in rates if rate.channel == channel]
        current: RechargeLine | None = None
        for day in month.days:
            rate = _rate_on(channel_rates, day)
            if current is None or current.rate != rate:
                current = RechargeLine(channel, labels.get(channel, channel), rate, day, day)
                lines.append(current)
            current.applies_to = day
            contacts, seconds = daily.get((channel, day), (0, 0))
            current.contacts += contacts
            current.seconds += seconds
    return [line for line in lines if line.contacts]


def _request_figures(*, client_service: ClientService, month: Month, as_at: datetime.datetime) -> RequestFigures:
    """Each count is its own query that an index answers, so a statement costs the same in a borough's tenth
    year as in its first: resolutions come from the daily facts (a resolved request cannot move queue, so it
    counts where it was resolved), the rest from the requests' own indexes and their pauses."""
    requests = service_requests_for_client_service(client_service_id=client_service.pk).order_by()
    # Overdue once the due day has passed: at the end of a finished month a request due on its last day is
    # overdue; during the month, only one due before today.
    overdue_by = timezone.localdate(as_at - datetime.timedelta(microseconds=1))
    if as_at < month.ends_before:
        overdue_by = timezone.localdate(as_at) - datetime.timedelta(days=1)
    resolved = RequestDayFact.objects.filter(
        day__range=(month.first_day, month.last_day), client_service_key=client_service.pk
    ).aggregate(resolved=Sum("resolved"), resolved_within_sla=Sum("resolved_on_time"))
    target = Decimal(client_service.target_sla_percent).quantize(_ONE_DP, rounding=ROUND_HALF_UP)
    at_end = service_request_month_end_counts(client_service_id=client_service.pk, as_at=as_at, overdue_by=overdue_by)
    paused = paused_figures(
        pauses=service_request_pauses_ended(starts_at=month.starts_at, ends_before=as_at).filter(
            request__client_service_id=client_service.pk
        )
    )
    return RequestFigures(
        target_percent=target,
        received=requests.filter(received_at__gte=month.starts_at, received_at__lt=month.ends_before).count(),
        resolved=resolved["resolved"] or 0,
        resolved_within_sla=resolved["resolved_within_sla"] or 0,
        open_overdue=at_end.open_overdue,
        open_paused=at_end.open_paused,
        pauses_ended=paused.pauses,
        paused_working_days=paused.working_days,
    )


def _total(channels: Iterable[ChannelFigures]) -> ChannelFigures:
    total = ChannelFigures("all", "All channels")
    for figures in channels:
        total.contacts += figures.contacts
        total.identified += figures.identified
        total.repeats += figures.repeats
        total.seconds += figures.seconds
    return total


def statement_build(*, client_service: ClientService, month: Month) -> Statement:
    """Contacts are counted by the local day they started, from the daily facts; requests by when they were
    received or resolved."""
    as_at = min(timezone.now(), month.ends_before)
    services = council_services_for_client_service(client_service_id=client_service.pk).order_by().values("pk")
    rows = (
        ContactDayFact.objects.filter(day__range=(month.first_day, month.last_day), council_service_key__in=services)
        .values("channel", "day")
        .annotate(
            contacts=Sum("contacts"),
            identified=Sum("identified"),
            repeats=Sum("repeats"),
            microseconds=Sum("microseconds"),
        )
        .order_by()
    )
    labels = dict(ContactChannel.choices)
    by_channel: dict[str, ChannelFigures] = {}
    daily: dict[tuple[str, datetime.date], tuple[int, int]] = {}
    for row in rows:
        seconds = round(row["microseconds"] / 1_000_000)
        figures = by_channel.setdefault(
            row["channel"], ChannelFigures(row["channel"], labels.get(row["channel"], row["channel"]))
        )
        figures.contacts += row["contacts"]
        figures.identified += row["identified"]
        figures.repeats += row["repeats"]
        figures.seconds += seconds
        daily[(row["channel"], row["day"])] = (row["contacts"], seconds)
    channels = sorted(by_channel.values(), key=lambda f: _CHANNEL_ORDER.get(f.channel, 99))
    return Statement(
        client_service=client_service,
        month=month,
        as_at=as_at,
        channels=channels,
        total=_total(channels),
        requests=_request_figures(client_service=client_service, month=month, as_at=as_at),
        recharge=_recharge_lines(client_service=client_service, month=month, daily=daily),
    )


def _shown(value: Decimal | None) -> Decimal | str:
    return "–" if value is None else value


def statement_tables(statement: Statement, *, disclosure: Disclosure) -> list[Table]:
    """The statement's tables, built once so the page, the print and the CSV/XLSX downloads agree.

    Small counts are hidden as `disclosure` says, with everything worked out from them: a hidden channel's
    averages, times and recharge, and the recharge total where the lines' different rates would give a hidden
    line's contacts back.
    """
    channels = statement.channels
    total = statement.total
    hidden_rows = disclosure.hidden_in([f.contacts for f in channels], total=total.contacts)
    # A hidden channel hides its whole row, so each column hides it too when choosing its secondary cells.
    identified = disclosure.series([f.identified for f in channels], total=total.identified, also=hidden_rows)
    repeats = disclosure.series([f.repeats for f in channels], total=total.repeats, also=hidden_rows)
    contacts = Table(
        title="Contacts by channel",
        headers=[
            "Channel",
            Column("Contacts", Kind.COUNT),
            Column("Contacts with a known customer", Kind.COUNT),
            Column("Repeat contacts", Kind.COUNT),
            Column("Repeat contacts", Kind.PERCENT, unit="% of those with a known customer"),
            Column("Repeat contacts", Kind.PERCENT, unit="% of all contacts"),
            Column("Average transaction time", unit="m:ss"),
            Column("Total transaction time", Kind.MINUTES),
        ],
    )
    shown = [
        (f, SUPPRESSED if i in hidden_rows else f.contacts, identified[i], repeats[i]) for i, f in enumerate(channels)
    ]
    shown.append(
        (total, disclosure.count(total.contacts), disclosure.count(total.identified), disclosure.count(total.repeats))
    )
    for figures, n, known, repeated in shown:
        if n == SUPPRESSED:
            contacts.rows.append([figures.label, *[SUPPRESSED] * 7])
            continue
        contacts.rows.append(
            [
                figures.label,
                n,
                known,
                repeated,
                shown_or(_shown(figures.repeat_percent), SUPPRESSED in (known, repeated)),
                shown_or(_shown(figures.repeat_percent_of_all), repeated == SUPPRESSED),
                minutes_and_seconds(figures.average_seconds),
                (Decimal(figures.seconds) / 60).quantize(PENNY, rounding=ROUND_HALF_UP),
            ]
        )
    requests = statement.requests
    resolved = disclosure.count(requests.resolved)
    within = (
        SUPPRESSED
        if resolved == SUPPRESSED or disclosure.hides_part(requests.resolved_within_sla, requests.resolved)
        else requests.resolved_within_sla
    )
    met = {True: "Met", False: "Not met", None: "–"}[requests.target_met]
    pauses_ended = disclosure.count(requests.pauses_ended)
    # A few pauses' days could be read back to the requests they were: hidden with their count.
    hidden_pauses = pauses_ended == SUPPRESSED
    sla = Table(
        title="Service requests",
        headers=["Measure", "Figure"],
        rows=[
            ["Received", disclosure.count(requests.received)],
            ["Resolved", resolved],
            ["Resolved within SLA", within],
            ["Resolved within SLA (%)", shown_or(_shown(requests.within_sla_percent), within == SUPPRESSED)],
            ["Target within SLA (%)", _shown(requests.target_percent)],
            ["Target", shown_or(met, within == SUPPRESSED)],
            ["Open and overdue at month end", disclosure.count(requests.open_overdue)],
            ["Open with the SLA paused, awaiting the customer, at month end", disclosure.count(requests.open_paused)],
            ["SLA pauses ended in the month", pauses_ended],
            ["Working days paused (pauses ended in the month)", shown_or(requests.paused_working_days, hidden_pauses)],
        ],
    )
    recharge = Table(
        title="Recharge",
        headers=[
            "Channel",
            Column("From", Kind.DATE),
            Column("To", Kind.DATE),
            "Charged",
            Column("Rate", Kind.MONEY),
            Column("Contacts", Kind.COUNT),
            Column("Minutes", Kind.MINUTES, unit=""),
            Column("Amount", Kind.MONEY),
        ],
    )
    hidden_lines = disclosure.hidden_in([line.contacts for line in statement.recharge], total=total.contacts)
    for number, line in enumerate(statement.recharge):
        hidden = number in hidden_lines
        recharge.rows.append(
            [
                line.label,
                line.applies_from,
                line.applies_to,
                line.rate.get_basis_display() if line.rate else "No rate set",
                line.rate.amount if line.rate else "–",
                shown_or(line.contacts, hidden),
                shown_or(line.minutes, hidden),
                shown_or(line.amount, hidden),
            ]
        )
    recharge.rows.append(
        [
            "Total",
            "",
            "",
            "",
            "",
            disclosure.count(total.contacts),
            "",
            shown_or(statement.recharge_total, bool(hidden_lines) or disclosure.hides(total.contacts)),
        ]
    )
    return [contacts, sla, recharge]
