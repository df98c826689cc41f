from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.core.lookups import Lookup
from servicefirst.core.workingdays import bank_holidays
from servicefirst.organisation.models import ClientService, Directorate, Site, SiteClosure, Weekday

# The sites a contact may name, checked on every contact logged.
site_lookup = Lookup(Site)


@dataclass(frozen=True)
class SiteDay:
    """What a site does on one date, after closures and bank holidays are taken into account."""

    day: date
    opens: time | None = None
    closes: time | None = None
    note: str = ""

    @property
    def is_open(self) -> bool:
        return self.opens is not None


@dataclass(frozen=True)
class WeeklyHours:
    weekday: str
    opens: time | None
    closes: time | None


def directorate_list() -> QuerySet[Directorate]:
    return Directorate.objects.filter(is_active=True).prefetch_related(
        Prefetch("client_services", queryset=ClientService.objects.filter(is_active=True))
    )


def client_service_list() -> QuerySet[ClientService]:
    return ClientService.objects.filter(is_active=True).select_related("directorate")


def client_service_get(*, pk: int) -> ClientService:
    return (
        ClientService.objects.select_related("directorate").prefetch_related("team_managers").get(pk=pk, is_active=True)
    )


def client_services_by_code(*, codes: set[str]) -> dict[str, ClientService]:
    return {service.code: service for service in ClientService.objects.filter(code__in=codes)}


def team_manager_candidates() -> QuerySet:
    """Staff who may hold the liaison with a client service: front-office managers, not the back office."""
    return get_user_model().objects.filter(is_active=True, role__in=[Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE])


def client_service_visible_to(*, user: AbstractBaseUser, client_service: ClientService) -> bool:
    # A client service officer works for one back-office service; the others' liaison details are not theirs.
    if user.role == Role.CLIENT_SERVICE_OFFICER:
        return user.client_service_id == client_service.pk
    return user.can("organisation.view")


def site_list() -> QuerySet[Site]:
    return Site.objects.filter(is_active=True).prefetch_related("opening_hours", "closures")


def site_get(*, pk: int) -> Site:
    return site_list().get(pk=pk)


def sites_by_code(*, codes: set[str]) -> dict[str, Site]:
    return {site.code: site for site in Site.objects.filter(code__in=codes)}


def site_weekly_hours(*, site: Site) -> list[WeeklyHours]:
    hours = {row.weekday: row for row in site.opening_hours.all()}
    weekly = []
    for day, label in Weekday.choices:
        row = hours.get(day)
        weekly.append(WeeklyHours(label, row.opens if row else None, row.closes if row else None))
    return weekly


def site_opening_on(*, site: Site, day: date) -> SiteDay:
    """A closure beats a bank holiday, which beats the weekly hours."""
    prefetch_related_objects([site], "opening_hours", "closures")
    if not site.is_active:
        return SiteDay(day, note="No longer open to the public")
    closure = next((c for c in site.closures.all() if c.starts_on <= day <= c.ends_on), None)
    if closure is not None:
        return SiteDay(day, note=f"Closed: {closure.reason}")
    holiday = bank_holidays(day.year).get(day)
    if holiday and site.closed_on_bank_holidays:
        return SiteDay(day, note=f"Closed for the bank holiday ({holiday})")
    hours = next((h for h in site.opening_hours.all() if h.weekday == day.weekday()), None)
    if hours is None:
        return SiteDay(day, note=f"{holiday} (bank holiday)" if holiday else "")
    return SiteDay(day, hours.opens, hours.closes, f"{holiday}: open as usual" if holiday else "")


def site_is_open(*, site: Site, at: datetime) -> bool:
    local = timezone.localtime(timezone.make_aware(at) if timezone.is_naive(at) else at)
    opening = site_opening_on(site=site, day=local.date())
    return opening.is_open and opening.opens <= local.time() < opening.closes


def site_days(*, site: Site, start: date, days: int) -> list[SiteDay]:
    return [site_opening_on(site=site, day=start + timedelta(days=offset)) for offset in range(days)]


def site_closures_upcoming(*, site: Site, today: date) -> list[SiteClosure]:
    return [closure for closure in site.closures.all() if closure.ends_on >= today]


def site_bank_holidays_upcoming(*, site: Site, today: date, days: int = 366) -> list[SiteDay]:
    until = today + timedelta(days=days)
    upcoming = sorted(
        day for year in range(today.year, until.year + 1) for day in bank_holidays(year) if today <= day <= until
    )
    return [site_opening_on(site=site, day=day) for day in upcoming]


def sites_open_count(*, at: datetime) -> tuple[int, int]:
    """How many active sites are open at `at`, and how many active sites there are."""
    sites = list(site_list())
    return sum(site_is_open(site=site, at=at) for site in sites), len(sites)


def site_names(*, ids: set[int]) -> dict[int, str]:
    return dict(Site.objects.filter(pk__in=ids).values_list("pk", "name"))


def client_services_in(*, directorate_id: int) -> QuerySet[ClientService]:
    """Every client service of the directorate, past ones included, as ids for a subquery."""
    return ClientService.objects.filter(directorate_id=directorate_id).order_by().values("pk")


def client_service_targets(*, ids: set[int]) -> dict[int, tuple[str, Decimal]]:
    """Each client service's name and SLA target (%), past services included, for figures already counted."""
    rows = ClientService.objects.filter(pk__in=ids).values_list("pk", "name", "target_sla_percent")
    return {pk: (name, target) for pk, name, target in rows}
