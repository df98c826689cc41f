"""CSV imports of the catalogue: the LGSL, the council's services and the contact points that reach them.

Like the organisation imports, each is all or nothing, reports every problem by line and column, and matches rows
to existing records (LGSL and council services on the LGSL code, contact points on kind and value), so loading a
file twice changes nothing the second time. The columns are described in docs/IMPORTS.md.
"""

import re
from collections.abc import Callable
from typing import TextIO

from django.core.exceptions import ValidationError
from django.db import models, transaction

from servicefirst.catalogue.models import ContactPoint, CouncilService, FrontOfficeStatus, LgslService, TransferPriority
from servicefirst.catalogue.selectors import council_services_by_lgsl_code
from servicefirst.catalogue.services import council_service_rule_errors, council_service_validate
from servicefirst.core.csvimport import (
    CsvImportError,
    ImportResult,
    RowCheck,
    RowProblem,
    Upsert,
    bool_parse,
    csv_problems_raise,
    csv_rows,
    csv_table,
    email_parse,
    int_parser,
    list_parse,
    pks,
    snapshot,
    upserts_save,
)
from servicefirst.core.validation import phone_normalise
from servicefirst.organisation.selectors import client_services_by_code, sites_by_code

LGSL_SHAPES = (("identifier", "label"), ("code", "name"))
COUNCIL_SERVICE_COLUMNS = (
    "lgsl_code",
    "name",
    "client_service_code",
    "status",
    "transfer_wave",
    "transfer_priority",
    "exclusion_reason",
    "sla_working_days",
    "front_office_may_resolve",
    "officer_notes",
    "officer_script",
    "keywords",
)
CONTACT_POINT_COLUMNS = ("kind", "value", "label", "client_service_code", "site_code", "lgsl_codes", "annual_volume")

# The esd export tags some descriptions with their language, RDF style: "text"@en.
_LANGUAGE_TAGGED = re.compile(r'"(.*)"@en', re.DOTALL)
_LGSL_NAME_LENGTH = LgslService._meta.get_field("name").max_length


def _lgsl_code_parse(raw: str) -> int:
    if not re.fullmatch(r"[0-9]{1,9}", raw) or int(raw) == 0:
        raise ValidationError(f"The LGSL code must be a whole number, like 372, not '{raw}'")
    return int(raw)


def _untagged(value: str) -> str:
    match = _LANGUAGE_TAGGED.fullmatch(value)
    return match[1].strip() if match else value


@transaction.atomic
def lgsl_import(*, stream: TextIO) -> ImportResult:
    """Loads the esd download (Identifier, Label, Description…) or a plain code,name[,description] file."""
    table = csv_table(stream=stream)
    shape = next((shape for shape in LGSL_SHAPES if set(shape) <= set(table.columns)), None)
    if shape is None:
        message = "The first row must name the columns Identifier and Label (the esd download), or code and name"
        raise CsvImportError([RowProblem(1, "", message)])
    code_column, name_column = shape
    parsed: dict[int, tuple[str, str]] = {}
    seen: dict[object, int] = {}
    checks = []
    for row in table.rows:
        check = RowCheck(row)
        checks.append(check)
        code = check.value(code_column, _lgsl_code_parse, required=True)
        name = _untagged(check.value(name_column, required=True))
        if len(name) > _LGSL_NAME_LENGTH:
            check.add(name_column, f"The name must be {_LGSL_NAME_LENGTH} characters or fewer")
        if code:
            check.once(code_column, code, seen)
        if check.ok:
            parsed[code] = (name, _untagged(row["description"]))
    csv_problems_raise(checks)
    existing = {service.code: service for service in LgslService.objects.all()}
    created, updated = [], []
    for code, (name, description) in parsed.items():
        service = existing.get(code)
        if service is None:
            created.append(LgslService(code=code, name=name, description=description))
        elif (service.name, service.description) != (name, description):
            service.name, service.description = name, description
            updated.append(service)
    LgslService.objects.bulk_create(created, batch_size=500)
    LgslService.objects.bulk_update(updated, ["name", "description"], batch_size=500)
    return ImportResult(created=len(created), updated=len(updated), unchanged=len(parsed) - len(created) - len(updated))


def _choice_parser(choices: type[models.TextChoices]) -> Callable[[str], str]:
    """Accepts a choice's value or its label, in any case, as spreadsheets are typed by people."""
    lookup = {key.lower(): value for value, label in choices.choices for key in (value, label)}

    def parse(raw: str) -> str:
        if raw.lower() not in lookup:
            raise ValidationError(f"Enter one of: {', '.join(choices.values)}")
        return lookup[raw.lower()]

    return parse


_COUNCIL_SERVICE_FIELDS = (
    "name",
    "client_service_id",
    "status",
    "transfer_wave",
    "transfer_priority",
    "exclusion_reason",
    "sla_working_days",
    "front_office_may_resolve",
    "officer_notes",
    "officer_script",
    "keywords",
)
_COUNCIL_SERVICE_COLUMN_OF_FIELD = {"lgsl": "lgsl_code", "client_service": "client_service_code"}


@transaction.atomic
def council_services_import(*, stream: TextIO) -> ImportResult:
    rows = csv_rows(stream=stream, columns=COUNCIL_SERVICE_COLUMNS)
    codes = {code for row in rows if (code := _code_or_none(row["lgsl_code"])) is not None}
    lgsl = {service.code: service for service in LgslService.objects.filter(code__in=codes)}
    existing = council_services_by_lgsl_code(codes=codes)
    client_services = client_services_by_code(codes={row["client_service_code"] for row in rows})
    seen: dict[object, int] = {}
    checks, upserts = [], []
    for row in rows:
        check = RowCheck(row)
        checks.append(check)
        code = check.value("lgsl_code", _lgsl_code_parse, required=True)
        if code:
            check.once("lgsl_code", code, seen)
            if code not in lgsl:
                check.add("lgsl_code", f"There is no LGSL service with code {code}; load the LGSL first")
        client_service_code = check.value("client_service_code", required=True)
        client_service = client_services.get(client_service_code)
        if client_service_code and client_service is None:
            check.add("client_service_code", f"There is no client service with code '{client_service_code}'")
        values = {
            "status": check.value("status", _choice_parser(FrontOfficeStatus)) or FrontOfficeStatus.NOT_TRANSFERRED,
            "transfer_wave": check.value("transfer_wave", int_parser(minimum=1, maximum=99)),
            "transfer_priority": check.value("transfer_priority", _choice_parser(TransferPriority)) or "",
            "exclusion_reason": check.value("exclusion_reason"),
            "sla_working_days": check.value("sla_working_days", int_parser(minimum=0, maximum=32767)),
            "front_office_may_resolve": bool(check.value("front_office_may_resolve", bool_parse)),
            "officer_notes": check.value("officer_notes"),
            "officer_script": check.value("officer_script"),
            "keywords": check.value("keywords"),
        }
        # The rules are checked even when other cells are wrong, so one pass reports the whole row.
        rule_errors = council_service_rule_errors(
            status=values["status"],
            transfer_wave=values["transfer_wave"],
            transfer_priority=values["transfer_priority"],
            exclusion_reason=values["exclusion_reason"],
            sla_working_days=values["sla_working_days"],
        )
        for column, message in rule_errors.items():
            if not check.has_problem(column):
                check.add(column, message)
        if not check.ok:
            continue
        service = existing.get(code) or CouncilService(lgsl=lgsl[code])
        before = snapshot(service, _COUNCIL_SERVICE_FIELDS) if service.pk else None
        service.name = check.value("name") or lgsl[code].name
        service.client_service = client_service
        for field, value in values.items():
            setattr(service, field, value)
        check.validate(
            lambda service=service: council_service_validate(council_service=service),
            columns=_COUNCIL_SERVICE_COLUMN_OF_FIELD,
        )
        upserts.append(Upsert(service, before, snapshot(service, _COUNCIL_SERVICE_FIELDS)))
    csv_problems_raise(checks)
    return upserts_save(upserts)


def _code_or_none(raw: str) -> int | None:
    try:
        return _lgsl_code_parse(raw)
    except ValidationError:
        return None


_CONTACT_POINT_FIELDS = ("label", "client_service_id", "site_id", "annual_volume")


@transaction.atomic
def contact_points_import(*, stream: TextIO) -> ImportResult:
    rows = csv_rows(stream=stream, columns=CONTACT_POINT_COLUMNS)
    existing = {(point.kind, point.value): point for point in ContactPoint.objects.prefetch_related("services")}
    client_services = client_services_by_code(codes={row["client_service_code"] for row in rows})
    sites = sites_by_code(codes={row["site_code"] for row in rows})
    codes = {code for row in rows for part in list_parse(row["lgsl_codes"]) if (code := _code_or_none(part))}
    council_services = council_services_by_lgsl_code(codes=codes)
    seen: dict[object, int] = {}
    checks, upserts = [], []
    for row in rows:
        check = RowCheck(row)
        checks.append(check)
        kind = check.value("kind", _choice_parser(ContactPoint.Kind), required=True)
        value = ""
        if kind == ContactPoint.Kind.PHONE:
            value = check.value("value", phone_normalise, required=True)
        elif kind == ContactPoint.Kind.EMAIL:
            value = check.value("value", email_parse, required=True)
        if value:
            check.once("value", (kind, value), seen)
        client_service_code = check.value("client_service_code")
        client_service = client_services.get(client_service_code)
        if client_service_code and client_service is None:
            check.add("client_service_code", f"There is no client service with code '{client_service_code}'")
        site_code = check.value("site_code")
        site = sites.get(site_code)
        if site_code and site is None:
            check.add("site_code", f"There is no site with code '{site_code}'")
        services = []
        for part in list_parse(row["lgsl_codes"]):
            code = _code_or_none(part)
            if code in council_services:
                services.append(council_services[code])
            else:
                check.add("lgsl_codes", f"No council service has the LGSL code '{part}'; import council services first")
        label = check.value("label", required=True)
        annual_volume = check.value("annual_volume", int_parser(minimum=0, maximum=2_147_483_647))
        if not check.ok:
            continue
        point = existing.get((kind, value)) or ContactPoint(kind=kind, value=value)
        before = (*snapshot(point, _CONTACT_POINT_FIELDS), pks(point.services.all())) if point.pk else None
        point.label = label
        point.client_service = client_service
        point.site = site
        point.annual_volume = annual_volume
        check.model_check(point, columns={"client_service": "client_service_code", "site": "site_code"})
        after = (*snapshot(point, _CONTACT_POINT_FIELDS), pks(services))
        upserts.append(Upsert(point, before, after, _services_setter(point, services)))
    csv_problems_raise(checks)
    return upserts_save(upserts)


def _services_setter(point: ContactPoint, services: list[CouncilService]) -> Callable[[], None]:
    return lambda: point.services.set(services)


IMPORTERS: dict[str, Callable[..., ImportResult]] = {
    "council-services": council_services_import,
    "contact-points": contact_points_import,
}
