import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from servicefirst.accounts.roles import CAPABILITIES, Role
from servicefirst.servicerequests.models import (
    OPEN_STATUSES,
    Question,
    QuestionSet,
    RequestStatus,
    ServiceRequest,
    ServiceRequestEvent,
    ServiceRequestPause,
)
from servicefirst.servicerequests.models import QuestionKind as QuestionKind
from servicefirst.servicerequests.models import RequestChannel as RequestChannel

OPEN = "open"
# The queue's partial indexes hold only open requests, and SQLite uses a partial index only when the query
# names its condition's values in the SQL itself; Django would send them as parameters, so SQLite would read
# and sort every request instead. The statuses are the code's own constants, never user input.
_IS_OPEN = Q(status__in=[RawSQL(f"'{status}'", ()) for status in OPEN_STATUSES])  # noqa: S611  constants, above


# Overdue: past the due date with the SLA clock running. A request awaiting the customer is never overdue.
_IS_LATE_TODAY = Q(sla_paused_since__isnull=True)


@dataclass(frozen=True)
class OpenCounts:
    open: int
    overdue: int
    paused: int


@dataclass(frozen=True)
class PausedFigures:
    """Pauses that ended in a period: how many, and the working days they moved due dates by."""

    pauses: int
    working_days: int


@dataclass(frozen=True)
class MonthEndCounts:
    open_overdue: int
    open_paused: int


def _is_client_service_officer(user: AbstractBaseUser) -> bool:
    return user.role == Role.CLIENT_SERVICE_OFFICER


def service_request_may_view(*, viewer: AbstractBaseUser, service_request: ServiceRequest) -> bool:
    """Staff who may see personal data see every request; a client service officer only their service's."""
    if not viewer.can("customer.view"):
        return False
    if _is_client_service_officer(viewer):
        return service_request.client_service_id == viewer.client_service_id
    return True


def service_request_may_work(*, viewer: AbstractBaseUser, service_request: ServiceRequest) -> bool:
    """Whether the viewer may change the request's status or assignment."""
    return viewer.can("clientservice.work") and service_request_may_view(viewer=viewer, service_request=service_request)


def service_request_get(*, reference: str) -> ServiceRequest:
    return ServiceRequest.objects.select_related(
        "council_service", "client_service", "customer", "assigned_officer", "raised_by"
    ).get(reference=reference.strip().upper())


def service_request_events(*, service_request: ServiceRequest) -> QuerySet[ServiceRequestEvent]:
    return service_request.events.select_related("by")


def question_list(*, council_service_id: int) -> list[Question]:
    return list(Question.objects.filter(question_set__council_service_id=council_service_id))


def question_set_guidance(*, council_service_id: int) -> str:
    return (
        QuestionSet.objects.filter(council_service_id=council_service_id).values_list("guidance", flat=True).first()
        or ""
    )


def assignable_officers(*, client_service_id: int | None = None) -> QuerySet:
    """Who may take a request: active staff who work client services' queues; a client service officer
    only for their own service's requests. Without a client service, everyone who works any queue."""
    roles = CAPABILITIES["clientservice.work"]
    officers = get_user_model().objects.filter(is_active=True, role__in=roles)
    if client_service_id is not None:
        officers = officers.filter(~Q(role=Role.CLIENT_SERVICE_OFFICER) | Q(client_service_id=client_service_id))
    return officers.order_by("first_name", "last_name", "username")


def officer_may_take(*, officer: AbstractBaseUser, client_service_id: int) -> bool:
    if not (officer.is_active and officer.can("clientservice.work")):
        return False
    return not _is_client_service_officer(officer) or officer.client_service_id == client_service_id


def service_request_queue(
    *,
    viewer: AbstractBaseUser,
    client_service_id: int | None = None,
    status: str = OPEN,
    officer_id: int | None = None,
    overdue: bool = False,
) -> QuerySet[ServiceRequest]:
    """A queue, soonest due first, then most urgent. A client service officer sees only their own
    service's queue and is refused another's. `status` is one status, or "open" for every open one."""
    if not viewer.can("clientservice.work"):
        raise PermissionDenied("clientservice.work")
    if _is_client_service_officer(viewer):
        if client_service_id is not None and client_service_id != viewer.client_service_id:
            raise PermissionDenied("clientservice.work")
        client_service_id = viewer.client_service_id
    requests = ServiceRequest.objects.select_related(
        "council_service", "client_service", "customer", "assigned_officer"
    )
    if client_service_id is not None:
        requests = requests.filter(client_service_id=client_service_id)
    if status == OPEN:
        requests = requests.filter(_IS_OPEN)
    elif status:
        requests = requests.filter(status=status)
    if officer_id is not None:
        requests = requests.filter(assigned_officer_id=officer_id)
    if overdue:
        requests = (
            requests.filter(due_on__lt=timezone.localdate())
            .filter(_IS_LATE_TODAY)
            .exclude(status__in=[RequestStatus.RESOLVED, RequestStatus.CLOSED])
        )
    return requests.order_by(F("due_on").asc(), "priority", "id")


def service_request_queue_rows(*, requests: QuerySet[ServiceRequest], ids: list[int]) -> list[ServiceRequest]:
    """The queue's requests with these ids, in the ids' order. A page of the queue is found by its ids alone
    (`requests.values_list("pk")`), which the queue's index answers; joining each request to its service,
    customer and officer before paging would join every request skipped over, which on a late page of a
    long queue is nearly all the time taken. A request that left the queue in between is left out."""
    found = requests.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def service_request_open_counts(*, client_service_id: int | None = None) -> OpenCounts:
    requests = ServiceRequest.objects.filter(_IS_OPEN)
    if client_service_id is not None:
        requests = requests.filter(client_service_id=client_service_id)
    counts = requests.aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(due_on__lt=timezone.localdate()) & _IS_LATE_TODAY),
        paused=Count("pk", filter=~_IS_LATE_TODAY),
    )
    return OpenCounts(**counts)


def service_requests_overdue_filter(*, today: datetime.date) -> Q:
    """Which open requests are overdue on `today`, for counts other apps make over `service_requests_open()`."""
    return Q(due_on__lt=today) & _IS_LATE_TODAY


def service_requests_paused_filter() -> Q:
    return ~_IS_LATE_TODAY


def service_request_pauses(*, service_request: ServiceRequest) -> list[ServiceRequestPause]:
    """Every pause of the request's SLA, oldest first."""
    return list(service_request.pauses.order_by("started_at", "id"))


def service_request_pauses_ended(*, starts_at: datetime.datetime, ends_before: datetime.datetime) -> QuerySet:
    """Pauses that ended in the period; callers narrow them by `request__client_service` or `request__site`."""
    return ServiceRequestPause.objects.filter(ended_at__gte=starts_at, ended_at__lt=ends_before).order_by()


def paused_figures(*, pauses: QuerySet) -> PausedFigures:
    counted = pauses.aggregate(pauses=Count("pk"), working_days=Sum("working_days"))
    return PausedFigures(pauses=counted["pauses"], working_days=counted["working_days"] or 0)


def service_request_month_end_counts(
    *, client_service_id: int, as_at: datetime.datetime, overdue_by: datetime.date
) -> MonthEndCounts:
    """The client service's requests open at `as_at`: those paused then, and those overdue then, judged against
    the due date as it stood at `as_at` (a pause that began later moved it since, and its `due_on_before` keeps
    it); a request paused at `as_at` was not overdue."""
    pauses = ServiceRequestPause.objects.filter(request=OuterRef("pk"))
    paused_then = Exists(pauses.filter(started_at__lt=as_at).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=as_at)))
    due_then = Coalesce(
        Subquery(pauses.filter(started_at__gte=as_at).order_by("started_at", "id").values("due_on_before")[:1]),
        F("due_on"),
    )
    requests = (
        ServiceRequest.objects.filter(client_service_id=client_service_id, received_at__lt=as_at)
        .filter(Q(resolved_at__isnull=True) | Q(resolved_at__gte=as_at))
        .order_by()
        .annotate(paused_then=paused_then, due_then=due_then)
    )
    counts = requests.aggregate(
        open_overdue=Count("pk", filter=Q(paused_then=False, due_then__lte=overdue_by)),
        open_paused=Count("pk", filter=Q(paused_then=True)),
    )
    return MonthEndCounts(**counts)


def service_requests_for_customer(*, customer_id: int) -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.filter(customer_id=customer_id).select_related("council_service", "assigned_officer")


def council_service_ids_with_questions(*, council_service_ids: list[int]) -> set[int]:
    """Which of these council services ask questions when a request is raised."""
    return set(
        Question.objects.filter(question_set__council_service_id__in=council_service_ids)
        .values_list("question_set__council_service_id", flat=True)
        .distinct()
    )


def service_request_public_list(
    *,
    references: list[str] | None = None,
    council_service_ids: list[int] | None = None,
    is_open: bool | None = None,
    received_from: datetime.datetime | None = None,
    received_to: datetime.datetime | None = None,
) -> QuerySet[ServiceRequest]:
    """Requests for a public listing (such as Open311), newest first; the caller chooses which fields to show."""
    requests = ServiceRequest.objects.select_related("council_service__lgsl", "client_service")
    if references is not None:
        requests = requests.filter(reference__in=[reference.strip().upper() for reference in references])
    if council_service_ids is not None:
        requests = requests.filter(council_service_id__in=council_service_ids)
    if is_open is True:
        requests = requests.filter(status__in=OPEN_STATUSES)
    elif is_open is False:
        requests = requests.exclude(status__in=OPEN_STATUSES)
    if received_from is not None:
        requests = requests.filter(received_at__gte=received_from)
    if received_to is not None:
        requests = requests.filter(received_at__lte=received_to)
    return requests.order_by("-received_at", "-id")


def service_request_customer_updates(*, request_ids: list[int]) -> dict[int, ServiceRequestEvent]:
    """Each request's latest update the customer sees that says something; internal notes never appear."""
    latest: dict[int, ServiceRequestEvent] = {}
    events = (
        ServiceRequestEvent.objects.filter(request_id__in=request_ids, visibility=ServiceRequestEvent.Visibility.PUBLIC)
        .exclude(note="")
        .order_by("request_id", "-at", "-id")
    )
    for event in events:
        latest.setdefault(event.request_id, event)
    return latest


def service_requests_for_client_service(*, client_service_id: int) -> QuerySet[ServiceRequest]:
    """Requests in the client service's queue now (a request moved to another queue counts there)."""
    return ServiceRequest.objects.filter(client_service_id=client_service_id)


def service_requests_open() -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.filter(_IS_OPEN)


def resolution_fact_rows() -> QuerySet:
    """Every resolved request as (resolved at, due on, client service id, site id), for
    rebuilding the figures."""
    return (
        ServiceRequest.objects.filter(resolved_at__isnull=False)
        .order_by()
        .values_list("resolved_at", "due_on", "client_service_id", "site_id")
    )


# What service requests hold about a person, for the per-customer participant contract (`servicerequests.hooks`).
def service_requests_held(*, customer_id: int, client_service_id: int) -> bool:
    return ServiceRequest.objects.filter(customer_id=customer_id, client_service_id=client_service_id).exists()


def service_requests_export(*, customer_id: int) -> list[dict]:
    """Each request with its whole history, notes for staff included: subject access covers them."""
    requests = list(ServiceRequest.objects.filter(customer_id=customer_id).order_by("received_at", "id").values())
    history: dict[int, list[dict]] = {r["id"]: [] for r in requests}
    for event in ServiceRequestEvent.objects.filter(request_id__in=history).order_by("at", "id").values():
        history[event["request_id"]].append(event)
    return [r | {"history": history[r["id"]]} for r in requests]
