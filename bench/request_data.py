"""Open service requests, as the service-request services would have left them, inserted in bulk.

Each request is raised by a front-office officer for a catalogue service with an SLA, into that
service's client service queue, with the reference `service_request_raise` would have given it
(numbered in order of receipt within each year, the year's reference sequence left at the last
number) and the due date `service_request_due_on` gives. Its history follows the services' allowed
transitions (`ALLOWED_TRANSITIONS`), one event per change with the author, visibility and note the
services record, and its version counts those changes. Every 500th request is checked with
`full_clean()` (the model's own check constraints), and after the load a real raise and a real
assignment are made through the services, then rolled back.
"""

import datetime
import itertools
import random
from collections import Counter, defaultdict

from borough_data import STAFF_PASSWORD, analyse, prep, rows_insert, sequences_reset
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.test import override_settings
from django.utils import timezone
from faker import Faker

from servicefirst.accounts.roles import Role
from servicefirst.accounts.services import staff_user_create
from servicefirst.audit.models import AuditEvent
from servicefirst.catalogue.selectors import council_service_list
from servicefirst.core.references import reference_sequence_last, reference_sequence_set
from servicefirst.servicerequests.models import (
    REFERENCE_PREFIX,
    RequestChannel,
    RequestPriority,
    RequestStatus,
    ServiceRequest,
    ServiceRequestEvent,
    ServiceRequestPause,
)
from servicefirst.servicerequests.services import (
    ALLOWED_TRANSITIONS,
    CUSTOMER_VISIBLE_STATUSES,
    RequestData,
    service_request_assign,
    service_request_due_on,
    service_request_raise,
)

SEED = 2026
STAFF_PER_CLIENT_SERVICE = 3
# How a council's open requests spread over its client services (missed bins dominate).
CLIENT_SERVICE_SHARE = {
    "waste": 30,
    "streetscene": 15,
    "highways": 12,
    "revenues": 12,
    "benefits": 8,
    "parking": 8,
    "envhealth": 5,
    "admissions": 3,
    "housingneeds": 2,
    "libraries": 2,
    "adults": 2,
    "electoral": 1,
}
STATUS_SHARE = {
    RequestStatus.NEW: 25,
    RequestStatus.ASSIGNED: 25,
    RequestStatus.IN_PROGRESS: 30,
    RequestStatus.AWAITING_CUSTOMER: 12,
    RequestStatus.REOPENED: 8,
}
CHANNEL_SHARE = {
    RequestChannel.PHONE: 55,
    RequestChannel.WEB_FORM: 20,
    RequestChannel.EMAIL: 10,
    RequestChannel.FACE_TO_FACE: 8,
    RequestChannel.PORTAL: 5,
    RequestChannel.LETTER: 2,
}
PRIORITY_SHARE = {RequestPriority.URGENT: 5, RequestPriority.HIGH: 15, RequestPriority.NORMAL: 80}
ANONYMOUS_SHARE = 0.08
# Open requests are mostly young; the mean age is this many times the SLA, so about a third are overdue.
AGE_PER_SLA_DAY = 1.2
NOTES = {
    RequestStatus.AWAITING_CUSTOMER: "Please send a photo of the problem so we can book the right crew",
    RequestStatus.RESOLVED: "Crew attended and put it right",
    RequestStatus.REOPENED: "Customer says the problem has come back",
}
Kind = ServiceRequestEvent.Kind
Visibility = ServiceRequestEvent.Visibility


def _name(user) -> str:
    return user.get_full_name() or user.username


def _staff() -> tuple[dict[int, list], list, list]:
    """Client service officers for each client service, team managers, and front-office officers;
    adds officers to each client service until it has STAFF_PER_CLIENT_SERVICE."""
    users = get_user_model().objects
    fake = Faker("en_GB")
    fake.seed_instance(SEED)
    services = {s.client_service_id: s.client_service for s in council_service_list() if s.sla_working_days}
    by_service: dict[int, list] = defaultdict(list)
    for user in users.filter(role=Role.CLIENT_SERVICE_OFFICER):
        by_service[user.client_service_id].append(user)
    # Nobody signs in with these passwords, so they are hashed the quick way the test suite uses.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        for service_id, service in sorted(services.items()):
            _staff_add(by_service[service_id], service, fake)
    managers = list(users.filter(role=Role.TEAM_MANAGER).order_by("pk"))
    front_office = list(users.filter(role__in=[Role.OFFICER, Role.TEAM_MANAGER]).order_by("pk"))
    return by_service, managers, front_office


def _staff_add(staff: list, service, fake: Faker) -> None:
    while len(staff) < STAFF_PER_CLIENT_SERVICE:
        user = staff_user_create(
            username=f"{service.code}.{len(staff) + 1}",
            role=Role.CLIENT_SERVICE_OFFICER,
            password=STAFF_PASSWORD,
            first_name=fake.first_name(),
            last_name=fake.last_name(),
            client_service_id=service.pk,
        )
        staff.append(user)


def _path(status: str, assigned: bool) -> list[str]:
    """The statuses a request passed through after NEW to reach `status`; "assign" marks the assignment."""
    steps = ["assign"] if assigned else []
    if status == RequestStatus.IN_PROGRESS:
        steps.append(RequestStatus.IN_PROGRESS)
    elif status == RequestStatus.AWAITING_CUSTOMER:
        steps += [RequestStatus.IN_PROGRESS, RequestStatus.AWAITING_CUSTOMER]
    elif status == RequestStatus.REOPENED:
        steps += [RequestStatus.IN_PROGRESS, RequestStatus.RESOLVED, RequestStatus.REOPENED]
    return steps


class Generator:
    def __init__(self, *, customers: int) -> None:
        self.rng = random.Random(SEED)
        self.customers = customers
        self.now = timezone.now()
        self.by_service, self.managers, self.front_office = _staff()
        services = [s for s in council_service_list() if s.sla_working_days]
        per_client_service = Counter(s.client_service.code for s in services)
        self.services = services
        self.service_weights = [
            CLIENT_SERVICE_SHARE.get(s.client_service.code, 1) / per_client_service[s.client_service.code]
            for s in services
        ]

    def _pick(self, shares: dict):
        return self.rng.choices(list(shares), weights=list(shares.values()))[0]

    def request(self) -> dict:
        """One request's own values (Python values, as the ORM holds them) and its history."""
        rng = self.rng
        service = rng.choices(self.services, weights=self.service_weights)[0]
        age = min(rng.expovariate(1 / (AGE_PER_SLA_DAY * service.sla_working_days)), 365)
        received_at = self.now - datetime.timedelta(days=age)
        status = self._pick(STATUS_SHARE)
        assigned = status == RequestStatus.ASSIGNED or (status != RequestStatus.NEW and rng.random() < 0.7)
        officer = None
        if assigned:
            staff = self.by_service[service.client_service_id]
            officer = rng.choice(staff) if rng.random() < 0.85 else rng.choice(self.managers)
        return {
            "service": service,
            "customer_id": rng.randint(1, self.customers) if rng.random() >= ANONYMOUS_SHARE else None,
            "channel": self._pick(CHANNEL_SHARE),
            "priority": self._pick(PRIORITY_SHARE),
            "received_at": received_at,
            "status": status,
            "officer": officer,
            "raised_by": rng.choice(self.front_office),
            "steps": _path(status, assigned),
        }

    def history(self, request: dict) -> list[dict]:
        """The events the services would have written, oldest first, each with its time."""
        received_at, officer = request["received_at"], request["officer"]
        span = (self.now - received_at).total_seconds()
        times = sorted(received_at + datetime.timedelta(seconds=self.rng.uniform(0, span)) for _ in request["steps"])
        events = [
            {"at": received_at, "by": request["raised_by"], "kind": Kind.RAISED, "field": "status"}
            | {"old_value": "", "new_value": RequestStatus.NEW, "note": "", "visibility": Visibility.PUBLIC}
        ]
        status = RequestStatus.NEW
        for step, at in zip(request["steps"], times, strict=True):
            worker = officer or self.rng.choice(self.managers)
            if step == "assign":
                by = self.rng.choice([*self.managers, officer])
                events.append(
                    {"at": at, "by": by, "kind": Kind.ASSIGNMENT, "field": "assigned_officer", "old_value": ""}
                    | {"new_value": _name(officer), "note": "", "visibility": Visibility.INTERNAL}
                )
                step, worker = RequestStatus.ASSIGNED, by
            if step not in ALLOWED_TRANSITIONS[status]:
                raise RuntimeError(f"{status} -> {step} is not allowed: update bench/request_data.py")
            visibility = Visibility.PUBLIC if step in CUSTOMER_VISIBLE_STATUSES else Visibility.INTERNAL
            events.append(
                {"at": at, "by": worker, "kind": Kind.STATUS, "field": "status", "old_value": status}
                | {"new_value": step, "note": NOTES.get(step, ""), "visibility": visibility}
            )
            status = step
        if status != request["status"]:
            raise RuntimeError(f"the history ends {status}, not {request['status']}: update bench/request_data.py")
        return events


def _changes(events: list[dict]) -> int:
    """How many saves raised the version: assigning a new request changes its status in the same save."""
    pairs = itertools.pairwise(events)
    return sum(1 for before, event in pairs if not (event["kind"] == Kind.STATUS and before["kind"] == Kind.ASSIGNMENT))


def requests_seed(*, count: int, customers: int) -> dict:
    """Seeds `count` open requests; returns how many went to each client service."""
    generator = Generator(customers=customers)
    made = sorted((generator.request() for _ in range(count)), key=lambda r: r["received_at"])
    numbers: Counter[int] = Counter()
    sr_rows, event_rows, audit_rows, pause_rows = [], [], [], []
    event_id = (ServiceRequestEvent.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    audit_id = (AuditEvent.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    for pk, request in enumerate(made, start=1):
        service, received_at = request["service"], request["received_at"]
        year = timezone.localtime(received_at).year
        numbers[year] += 1
        events = generator.history(request)
        paused_since = next(
            (
                e["at"]
                for e in reversed(events)
                if e["kind"] == Kind.STATUS and e["new_value"] == RequestStatus.AWAITING_CUSTOMER
            ),
            None,
        )
        values = {
            "id": pk,
            "reference": f"SR-{year}-{numbers[year]:06d}",
            "council_service_id": service.pk,
            "client_service_id": service.client_service_id,
            "customer_id": request["customer_id"],
            "contact_id": None,
            # A request keeps the site of the contact it was raised from; these were raised from none.
            "site_id": None,
            "channel": request["channel"],
            "description": f"{service.name}: reported by the customer",
            "answers": {},
            "status": request["status"],
            "priority": request["priority"],
            "assigned_officer_id": request["officer"].pk if request["officer"] else None,
            "received_at": received_at,
            "due_on": service_request_due_on(received_at=received_at, sla_working_days=service.sla_working_days),
            # A request awaiting the customer has its SLA clock stopped since it last moved there, as the
            # services leave it (`status_change`), with the pause open.
            "sla_paused_since": paused_since,
            "sla_paused_working_days": 0,
            "resolved_at": None,
            "raised_by_id": request["raised_by"].pk,
            "version": 1 + _changes(events),
            "created_at": received_at,
            "updated_at": events[-1]["at"],
        }
        if pk % 500 == 0:
            ServiceRequest(**values).full_clean(validate_unique=False)
        sr_rows.append({k: prep(ServiceRequest, k, v) for k, v in values.items()})
        if paused_since is not None:
            pause_rows.append(
                ServiceRequestPause(request_id=pk, started_at=paused_since, due_on_before=values["due_on"])
            )
        for event in events:
            row = {"id": event_id, "request_id": pk, "by_id": event.pop("by").pk, **event}
            event_rows.append({k: prep(ServiceRequestEvent, k, v) for k, v in row.items()})
            event_id += 1
        audit = {"id": audit_id, "at": received_at, "actor_id": request["raised_by"].pk, "action": "created"}
        audit |= {"record_type": "service_request", "record_id": str(pk), "record_label": values["reference"]}
        audit |= {"via": "web", "detail": "", "query": "", "shown": None, "record_ids": ""}
        audit_rows.append({k: prep(AuditEvent, k, v) for k, v in audit.items()})
        audit_id += 1
    with transaction.atomic():
        rows_insert(ServiceRequest, sr_rows)
        rows_insert(ServiceRequestEvent, event_rows)
        rows_insert(AuditEvent, audit_rows)
        ServiceRequestPause.objects.bulk_create(pause_rows, batch_size=5000)
        for year, last in numbers.items():
            reference_sequence_set(prefix=REFERENCE_PREFIX, year=year, last=last)
        sequences_reset(ServiceRequest, ServiceRequestEvent, AuditEvent)
    analyse(ServiceRequest, ServiceRequestEvent, AuditEvent)
    _check_with_services(generator)
    print(f"  {count:,} open requests with {len(event_rows):,} history events")
    return dict(Counter(r["service"].client_service.code for r in made))


def _check_with_services(generator: Generator) -> None:
    """The services must carry on from the seeded rows: the next reference follows the last, and a
    seeded request's version lets an officer assign it. Both are rolled back."""
    officer = generator.front_office[0]
    service = generator.services[0]
    year = timezone.localtime().year
    expected = f"SR-{year}-{reference_sequence_last(prefix=REFERENCE_PREFIX, year=year) + 1:06d}"
    seeded = ServiceRequest.objects.filter(status=RequestStatus.NEW).order_by("pk").first()
    taker = generator.by_service[seeded.client_service_id][0]
    with transaction.atomic():
        raised = service_request_raise(
            actor=officer, data=RequestData(council_service_id=service.pk, description="Bench check", customer_id=1)
        )
        assigned = service_request_assign(
            actor=generator.managers[0], request_id=seeded.pk, officer_id=taker.pk, version=seeded.version
        )
        transaction.set_rollback(True)
    if raised.reference != expected or assigned.status != RequestStatus.ASSIGNED:
        raise RuntimeError(f"the services disagree with the seeded rows: {raised.reference} != {expected}")
