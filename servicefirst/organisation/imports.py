"""CSV imports of the council's structure: directorates, client services, sites and site closures.

Each import is all or nothing: every row is checked first and, if any is wrong, nothing is saved and every problem
is reported. Rows are matched on `code` (closures on their site and first day), so loading a file twice changes
nothing the second time. The columns are described in docs/IMPORTS.md.
"""

import re
from collections.abc import Callable
from datetime import time
from typing import TextIO

from django.core.exceptions import ValidationError
from django.db import models, transaction

from servicefirst.core.csvimport import (
    ImportResult,
    RowCheck,
    Upsert,
    bool_parse,
    csv_problems_raise,
    csv_rows,
    date_parse,
    email_parse,
    int_parser,
    list_parse,
    percent_parse,
    pks,
    slug_parse,
    snapshot,
    upserts_save,
)
from servicefirst.core.validation import phone_normalise, postcode_normalise
from servicefirst.organisation.models import ClientService, Directorate, OpeningHours, Site, SiteClosure
from servicefirst.organisation.selectors import sites_by_code, team_manager_candidates

DIRECTORATE_COLUMNS = ("name", "code")
CLIENT_SERVICE_TARGETS = (
    "target_sla_percent",
    "target_first_contact_resolution_percent",
    "target_answer_percent",
)
CLIENT_SERVICE_COLUMNS = (
    "name",
    "code",
    "directorate_code",
    "email",
    "phone",
    "liaison_contact",
    *CLIENT_SERVICE_TARGETS,
    "target_answer_seconds",
    "team_managers",
)
WEEKDAY_COLUMNS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SITE_COLUMNS = (
    "name",
    "code",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "uprn",
    "phone",
    "accessibility",
    "closed_on_bank_holidays",
    *WEEKDAY_COLUMNS,
)
SITE_CLOSURE_COLUMNS = ("site_code", "starts_on", "ends_on", "reason")

_HOURS = re.compile(r"([0-9]{1,2}):([0-9]{2})\s*[-–]\s*([0-9]{1,2}):([0-9]{2})")


def hours_parse(raw: str) -> tuple[time, time]:
    match = _HOURS.fullmatch(raw)
    if match is None:
        raise ValidationError("Enter the hours like 09:00-17:00, or leave it blank if the site is closed that day")
    try:
        opens = time(int(match[1]), int(match[2]))
        closes = time(int(match[3]), int(match[4]))
    except ValueError:
        raise ValidationError("Enter real times, like 09:00-17:00") from None
    if closes <= opens:
        raise ValidationError("The closing time must be after the opening time")
    return opens, closes


_DIRECTORATE_FIELDS = ("name",)


@transaction.atomic
def directorates_import(*, stream: TextIO) -> ImportResult:
    rows = csv_rows(stream=stream, columns=DIRECTORATE_COLUMNS)
    existing = {directorate.code: directorate for directorate in Directorate.objects.all()}
    seen_codes: dict[object, int] = {}
    seen_names: dict[object, int] = {}
    checks, upserts = [], []
    for row in rows:
        check = RowCheck(row)
        checks.append(check)
        code = check.value("code", slug_parse, required=True)
        name = check.value("name", required=True)
        if code:
            check.once("code", code, seen_codes)
        if name:
            check.once("name", name.lower(), seen_names)
        if not check.ok:
            continue
        directorate = existing.get(code) or Directorate(code=code)
        before = snapshot(directorate, _DIRECTORATE_FIELDS) if directorate.pk else None
        directorate.name = name
        check.model_check(directorate, columns={})
        upserts.append(Upsert(directorate, before, snapshot(directorate, _DIRECTORATE_FIELDS)))
    csv_problems_raise(checks)
    return upserts_save(upserts)


_CLIENT_SERVICE_FIELDS = (
    "name",
    "directorate_id",
    "email",
    "phone",
    "liaison_contact",
    *CLIENT_SERVICE_TARGETS,
    "target_answer_seconds",
)


def _default(field_name: str) -> object:
    return ClientService._meta.get_field(field_name).default


@transaction.atomic
def client_services_import(*, stream: TextIO) -> ImportResult:
    rows = csv_rows(stream=stream, columns=CLIENT_SERVICE_COLUMNS)
    existing = {service.code: service for service in ClientService.objects.prefetch_related("team_managers")}
    directorates = {directorate.code: directorate for directorate in Directorate.objects.all()}
    usernames = {username for row in rows for username in list_parse(row["team_managers"])}
    managers = {user.username: user for user in team_manager_candidates().filter(username__in=usernames)}
    seen_codes: dict[object, int] = {}
    seen_names: dict[object, int] = {}
    checks, upserts = [], []
    for row in rows:
        check = RowCheck(row)
        checks.append(check)
        code = check.value("code", slug_parse, required=True)
        name = check.value("name", required=True)
        directorate_code = check.value("directorate_code", required=True)
        directorate = directorates.get(directorate_code)
        if directorate_code and directorate is None:
            check.add("directorate_code", f"There is no directorate with code '{directorate_code}'")
        email = check.value("email", email_parse) or ""
        phone = check.value("phone", phone_normalise) or ""
        targets = {column: check.value(column, percent_parse) for column in CLIENT_SERVICE_TARGETS}
        seconds = check.value("target_answer_seconds", int_parser(minimum=1, maximum=3600))
        team = []
        for username in list_parse(row["team_managers"]):
            if username in managers:
                team.append(managers[username])
            else:
                check.add("team_managers", f"No active team manager has the username '{username}'")
        if code:
            check.once("code", code, seen_codes)
        if name:
            check.once("name", name.lower(), seen_names)
        if not check.ok:
            continue
        service = existing.get(code) or ClientService(code=code)
        before = (*snapshot(service, _CLIENT_SERVICE_FIELDS), pks(service.team_managers.all())) if service.pk else None
        service.name = name
        service.directorate = directorate
        service.email = email
        service.phone = phone
        service.liaison_contact = check.value("liaison_contact")
        for column, value in targets.items():
            setattr(service, column, _default(column) if value is None else value)
        service.target_answer_seconds = seconds if seconds is not None else _default("target_answer_seconds")
        check.model_check(service, columns={"directorate": "directorate_code"})
        after = (*snapshot(service, _CLIENT_SERVICE_FIELDS), pks(team))
        upserts.append(Upsert(service, before, after, _team_setter(service, team)))
    csv_problems_raise(checks)
    return upserts_save(upserts)


def _team_setter(service: ClientService, team: list[models.Model]) -> Callable[[], None]:
    return lambda: service.team_managers.set(team)


_SITE_FIELDS = (
    "name",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "uprn",
    "phone",
    "accessibility",
    "closed_on_bank_holidays",
)


def _uprn_parse(raw: str) -> str:
    if not re.fullmatch(r"[0-9]{1,12}", raw):
        raise ValidationError("Enter the UPRN as up to 12 digits")
    return raw


@transaction.atomic
def sites_import(*, stream: TextIO) -> ImportResult:
    rows = csv_rows(stream=stream, columns=SITE_COLUMNS)
    existing = {site.code: site for site in Site.objects.prefetch_related("opening_hours")}
    seen_codes: dict[object, int] = {}
    seen_names: dict[object, int] = {}
    checks, upserts = [], []
    for row in rows:
        check = RowCheck(row)
        checks.append(check)
        code = check.value("code", slug_parse, required=True)
        name = check.value("name", required=True)
        values = {
            "name": name,
            "address_line_1": check.value("address_line_1", required=True),
            "address_line_2": check.value("address_line_2"),
            "town": check.value("town", required=True),
            "postcode": check.value("postcode", postcode_normalise, required=True),
            "uprn": check.value("uprn", _uprn_parse) or "",
            "phone": check.value("phone", phone_normalise) or "",
            "accessibility": check.value("accessibility"),
        }
        closed = check.value("closed_on_bank_holidays", bool_parse)
        values["closed_on_bank_holidays"] = True if closed is None else closed
        hours = {}
        for weekday, column in enumerate(WEEKDAY_COLUMNS):
            if (opening := check.value(column, hours_parse)) is not None:
                hours[weekday] = opening
        if code:
            check.once("code", code, seen_codes)
        if name:
            check.once("name", name.lower(), seen_names)
        if not check.ok:
            continue
        site = existing.get(code) or Site(code=code)
        before = (*snapshot(site, _SITE_FIELDS), _hours(site)) if site.pk else None
        for field_name, value in values.items():
            setattr(site, field_name, value)
        check.model_check(site, columns={})
        after = (*snapshot(site, _SITE_FIELDS), tuple(sorted((day, *times) for day, times in hours.items())))
        upserts.append(Upsert(site, before, after, _hours_replacer(site, hours)))
    csv_problems_raise(checks)
    return upserts_save(upserts)


def _hours(site: Site) -> tuple:
    return tuple(sorted((row.weekday, row.opens, row.closes) for row in site.opening_hours.all()))


def _hours_replacer(site: Site, hours: dict[int, tuple[time, time]]) -> Callable[[], None]:
    def replace() -> None:
        site.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(site=site, weekday=day, opens=opens, closes=closes) for day, (opens, closes) in hours.items()
        )

    return replace


_CLOSURE_FIELDS = ("ends_on", "reason")


@transaction.atomic
def site_closures_import(*, stream: TextIO) -> ImportResult:
    rows = csv_rows(stream=stream, columns=SITE_CLOSURE_COLUMNS)
    sites = sites_by_code(codes={row["site_code"] for row in rows})
    existing = {
        (closure.site_id, closure.starts_on): closure for closure in SiteClosure.objects.filter(site__in=sites.values())
    }
    seen: dict[object, int] = {}
    checks, upserts = [], []
    for row in rows:
        check = RowCheck(row)
        checks.append(check)
        site_code = check.value("site_code", required=True)
        site = sites.get(site_code)
        if site_code and site is None:
            check.add("site_code", f"There is no site with code '{site_code}'")
        starts_on = check.value("starts_on", date_parse, required=True)
        ends_on = check.value("ends_on", date_parse, required=True)
        reason = check.value("reason", required=True)
        if starts_on and ends_on and ends_on < starts_on:
            check.add("ends_on", "The closure must end on or after the day it starts")
        if site and starts_on:
            check.once("starts_on", (site.pk, starts_on), seen)
        if not check.ok:
            continue
        closure = existing.get((site.pk, starts_on)) or SiteClosure(site=site, starts_on=starts_on)
        before = snapshot(closure, _CLOSURE_FIELDS) if closure.pk else None
        closure.ends_on = ends_on
        closure.reason = reason
        check.model_check(closure, columns={"site": "site_code"})
        upserts.append(Upsert(closure, before, snapshot(closure, _CLOSURE_FIELDS)))
    csv_problems_raise(checks)
    return upserts_save(upserts)


IMPORTERS: dict[str, Callable[..., ImportResult]] = {
    "directorates": directorates_import,
    "client-services": client_services_import,
    "sites": sites_import,
    "site-closures": site_closures_import,
}
