"""The catalogue over the JSON API: council services and the LGSL, for telephony, web forms and reporting."""

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from servicefirst.catalogue.models import CouncilService, FrontOfficeStatus, LgslService
from servicefirst.catalogue.selectors import council_service_get, council_service_list, lgsl_get, lgsl_list
from servicefirst.core.access import capability_require
from servicefirst.core.validation import OFFSET_MAX

router = Router(tags=["catalogue"])

# Ids beyond a 64-bit integer cannot exist, and some databases fail rather than find nothing.
_MAX_ID = 2**63 - 1


def _catalogue_view_require(request: HttpRequest) -> None:
    capability_require(user=request.user, capability="catalogue.view")


class ClientServiceOut(Schema):
    id: int
    code: str
    name: str


class ContactPointOut(Schema):
    kind: str
    value: str
    label: str


class ServiceSummaryOut(Schema):
    id: int
    name: str
    lgsl_code: int = Field(alias="lgsl.code")
    lgsl_name: str = Field(alias="lgsl.name")
    client_service: ClientServiceOut
    status: str
    status_label: str
    transfer_wave: int | None
    transfer_priority: str
    sla_working_days: int | None = Field(description="Working days after the day of receipt; null if none.")
    front_office_may_resolve: bool

    @staticmethod
    def resolve_status_label(obj: CouncilService) -> str:
        return obj.get_status_display()


class ServiceOut(ServiceSummaryOut):
    exclusion_reason: str
    officer_notes: str
    officer_script: str
    keywords: list[str]
    contact_points: list[ContactPointOut]

    @staticmethod
    def resolve_keywords(obj: CouncilService) -> list[str]:
        return [keyword.strip() for keyword in obj.keywords.split(",") if keyword.strip()]

    @staticmethod
    def resolve_contact_points(obj: CouncilService) -> list:
        return [point for point in obj.contact_points.all() if point.is_active]


class ServicePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ServiceSummaryOut]


class LgslOut(Schema):
    code: int
    name: str
    description: str


class LgslDetailOut(LgslOut):
    council_service_id: int | None = Field(description="The council's service for this LGSL code, if it offers one.")

    @staticmethod
    def resolve_council_service_id(obj: LgslService) -> int | None:
        service = getattr(obj, "council_service", None)
        return service.pk if service else None


class LgslPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[LgslOut]


@router.get("/services", response=ServicePage, summary="List council services")
def services_list(
    request: HttpRequest,
    status: FrontOfficeStatus | None = None,
    client_service: int | None = Query(None, ge=1, le=_MAX_ID, description="A client service's id"),
    q: str = Query("", max_length=100, description="Words in the name or keywords, or an LGSL code"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> dict:
    _catalogue_view_require(request)
    services = council_service_list(status=status or "", client_service_id=client_service, q=q)
    return {"count": services.count(), "limit": limit, "offset": offset, "items": services[offset : offset + limit]}


@router.get("/services/{service_id}", response=ServiceOut, summary="One council service")
def service_detail(request: HttpRequest, service_id: int = Path(..., ge=1, le=_MAX_ID)) -> CouncilService:
    _catalogue_view_require(request)
    try:
        return council_service_get(pk=service_id)
    except CouncilService.DoesNotExist:
        raise HttpError(404, f"There is no council service with id {service_id}") from None


@router.get("/lgsl", response=LgslPage, summary="Search the Local Government Services List")
def lgsl_search(
    request: HttpRequest,
    q: str = Query("", max_length=100, description="Words in the name, or an LGSL code"),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=OFFSET_MAX),
) -> dict:
    _catalogue_view_require(request)
    services = lgsl_list(q=q)
    return {"count": services.count(), "limit": limit, "offset": offset, "items": services[offset : offset + limit]}


@router.get("/lgsl/{code}", response=LgslDetailOut, summary="One LGSL service by its code")
def lgsl_detail(request: HttpRequest, code: int = Path(..., ge=1, le=_MAX_ID)) -> LgslService:
    _catalogue_view_require(request)
    try:
        return lgsl_get(code=code)
    except LgslService.DoesNotExist:
        raise HttpError(404, f"There is no LGSL service with code {code}") from None
