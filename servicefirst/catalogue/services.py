from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from servicefirst.catalogue.models import CouncilService, FrontOfficeStatus, LgslService

if TYPE_CHECKING:
    from servicefirst.organisation.selectors import ClientService

EDITABLE_FIELDS = frozenset(
    {
        "lgsl",
        "name",
        "client_service",
        "status",
        "transfer_wave",
        "transfer_priority",
        "exclusion_reason",
        "sla_working_days",
        "front_office_may_resolve",
        "officer_notes",
        "officer_script",
        "keywords",
        "public_name",
        "summary",
        "description",
    }
)
SLA_MAX_WORKING_DAYS = 365


def council_service_rule_errors(
    *,
    status: str,
    transfer_wave: int | None,
    transfer_priority: str,
    exclusion_reason: str,
    sla_working_days: int | None,
) -> dict[str, str]:
    """The catalogue's rules, each against the field to correct, so a form can show it beside that field."""
    errors = {}
    if status == FrontOfficeStatus.PLANNED:
        if transfer_wave is None:
            errors["transfer_wave"] = "Enter the transfer wave, as the service is planned for transfer"
        if not transfer_priority:
            errors["transfer_priority"] = "Select the transfer priority, as the service is planned for transfer"
    if status == FrontOfficeStatus.EXCLUDED and not exclusion_reason.strip():
        errors["exclusion_reason"] = "Say why the service is excluded from the front office"
    if sla_working_days is not None and not 1 <= sla_working_days <= SLA_MAX_WORKING_DAYS:
        errors["sla_working_days"] = f"The SLA must be between 1 and {SLA_MAX_WORKING_DAYS} working days"
    return errors


def council_service_validate(*, council_service: CouncilService) -> None:
    rule_errors = council_service_rule_errors(
        status=council_service.status,
        transfer_wave=council_service.transfer_wave,
        transfer_priority=council_service.transfer_priority,
        exclusion_reason=council_service.exclusion_reason,
        sla_working_days=council_service.sla_working_days,
    )
    errors: dict[str, list[str]] = {field: [message] for field, message in rule_errors.items()}
    try:
        # Fields that broke a rule are left out so the same mistake is not reported twice.
        council_service.full_clean(exclude=list(errors))
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def council_service_create(
    *,
    lgsl: LgslService,
    name: str,
    client_service: "ClientService",
    status: str = FrontOfficeStatus.NOT_TRANSFERRED,
    transfer_wave: int | None = None,
    transfer_priority: str = "",
    exclusion_reason: str = "",
    sla_working_days: int | None = None,
    front_office_may_resolve: bool = False,
    officer_notes: str = "",
    officer_script: str = "",
    keywords: str = "",
    public_name: str = "",
    summary: str = "",
    description: str = "",
) -> CouncilService:
    council_service = CouncilService(
        lgsl=lgsl,
        name=name,
        client_service=client_service,
        status=status,
        transfer_wave=transfer_wave,
        transfer_priority=transfer_priority,
        exclusion_reason=exclusion_reason,
        sla_working_days=sla_working_days,
        front_office_may_resolve=front_office_may_resolve,
        officer_notes=officer_notes,
        officer_script=officer_script,
        keywords=keywords,
        public_name=public_name,
        summary=summary,
        description=description,
    )
    council_service_validate(council_service=council_service)
    council_service.save()
    return council_service


@transaction.atomic
def council_service_update(*, council_service: CouncilService, **changes: Any) -> CouncilService:
    """Changes the named fields; nothing is saved unless the service still keeps every rule afterwards."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Council services have no editable field {', '.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(council_service, field, value)
    council_service_validate(council_service=council_service)
    council_service.save()
    return council_service
