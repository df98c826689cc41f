import re
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from servicefirst.catalogue.models import ContactPoint, CouncilService, FrontOfficeStatus, LgslService
from servicefirst.core.lookups import Lookup


@dataclass(frozen=True)
class CatalogueCounts:
    in_front_office: int
    planned: int
    total: int


# Which client service delivers each council service, checked on every contact logged.
council_service_lookup = Lookup(CouncilService, column="client_service_id")
contact_point_lookup = Lookup(ContactPoint)


def _lgsl_code(term: str) -> int | None:
    # LGSL codes are at most four digits today; anything longer cannot be one and would overflow the column.
    return int(term) if re.fullmatch(r"[0-9]{1,9}", term) else None


def council_service_list(
    *,
    status: str = "",
    client_service_id: int | None = None,
    directorate_id: int | None = None,
    q: str = "",
) -> QuerySet[CouncilService]:
    """Search matches the council's name, the LGSL name, keywords residents use, or an exact LGSL code."""
    services = CouncilService.objects.select_related("lgsl", "client_service__directorate")
    if status:
        services = services.filter(status=status)
    if client_service_id is not None:
        services = services.filter(client_service_id=client_service_id)
    if directorate_id is not None:
        services = services.filter(client_service__directorate_id=directorate_id)
    for term in q.split():
        match = Q(name__icontains=term) | Q(keywords__icontains=term) | Q(lgsl__name__icontains=term)
        if (code := _lgsl_code(term)) is not None:
            match |= Q(lgsl__code=code)
        services = services.filter(match)
    return services


def council_services_requestable(services: QuerySet[CouncilService] | None = None) -> QuerySet[CouncilService]:
    """The services that take service requests (`CouncilService.is_requestable`), of `services` or of all."""
    return (council_service_list() if services is None else services).filter(sla_working_days__isnull=False)


def contact_points_active() -> QuerySet[ContactPoint]:
    return ContactPoint.objects.filter(is_active=True)


def council_service_get(*, pk: int) -> CouncilService:
    return (
        CouncilService.objects.select_related("lgsl", "client_service__directorate")
        .prefetch_related("contact_points")
        .get(pk=pk)
    )


def council_services_for_client_service(*, client_service_id: int) -> QuerySet[CouncilService]:
    return council_service_list(client_service_id=client_service_id)


def council_services_by_lgsl_code(*, codes: set[int]) -> dict[int, CouncilService]:
    return {
        service.lgsl.code: service
        for service in CouncilService.objects.select_related("lgsl").filter(lgsl__code__in=codes)
    }


def catalogue_counts() -> CatalogueCounts:
    counts = CouncilService.objects.aggregate(
        in_front_office=Count("pk", filter=Q(status=FrontOfficeStatus.IN_FRONT_OFFICE)),
        planned=Count("pk", filter=Q(status=FrontOfficeStatus.PLANNED)),
        total=Count("pk"),
    )
    return CatalogueCounts(**counts)


def lgsl_list(*, q: str = "") -> QuerySet[LgslService]:
    services = LgslService.objects.all()
    for term in q.split():
        match = Q(name__icontains=term)
        if (code := _lgsl_code(term)) is not None:
            match |= Q(code=code)
        services = services.filter(match)
    return services


def lgsl_get(*, code: int) -> LgslService:
    return LgslService.objects.select_related("council_service").get(code=code)


def council_service_names(*, ids: set[int]) -> dict[int, str]:
    return dict(CouncilService.objects.filter(pk__in=ids).values_list("pk", "name"))
