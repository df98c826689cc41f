"""Moves what the services stamp with the moment of the load to the moment it stands for in the demo's eight
weeks. The services accept a contact's times and a request's receipt but stamp everything else (a request's
progress and resolution, a referral's decision, an action's completion, every message) with now; left so, every
request would be resolved on the day the demo is loaded and last month's statement would show none resolved.

Each record's times are drawn inside its own timeline: after what came before it, before now, a request resolved
on time by the end of its due day and a late one after it, so the reports count each in the period it belongs to.
"""

import datetime
import random
from collections import defaultdict

from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from servicefirst.complaints.models import ComplaintEvent
from servicefirst.contacts.models import AgreedAction, Contact, Referral
from servicefirst.core.workingdays import is_working_day
from servicefirst.customers.models import Customer, CustomerChange
from servicefirst.demo.clock import DemoClock
from servicefirst.demo.plan import PlannedContact, Status
from servicefirst.notifications.models import Message
from servicefirst.performance.services_facts import facts_rebuild
from servicefirst.servicerequests.models import ServiceRequest, ServiceRequestEvent

RESOLVING = frozenset({Status.RESOLVED, Status.CLOSED, Status.REOPENED})
# A team manager decides a referral waiting for authorisation within a few days of the contact.
DECISION_WITHIN = datetime.timedelta(days=3)
CUSTOMERS_SINCE_DAYS = (30, 9 * 365)


def _day_end(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


def moments_between(
    *, after: datetime.datetime, before: datetime.datetime, count: int, clock: DemoClock, rng: random.Random
) -> list[datetime.datetime]:
    """`count` moments strictly between `after` and `before`, in order: in office hours on a working day when
    one lies between them, else anywhere in the gap."""
    # Today counts too, for what happened earlier today (a moment after `before` is put back into the gap).
    candidates = [*clock.days, clock.today] if is_working_day(clock.today) else clock.days
    days = [day for day in candidates if timezone.localdate(after) <= day <= timezone.localdate(before)]
    moments = []
    for _ in range(count):
        moment = clock.at(rng.choice(days), rng) if days else after
        if not after < moment < before:
            moment = after + (before - after) * rng.uniform(0.05, 0.95)
        moments.append(moment)
    return sorted(moments)


def customers_backdate(*, customer_ids: list[int], clock: DemoClock, rng: random.Random) -> None:
    """Each customer joined some time before the eight weeks of contacts began, so no record reads as created
    after its first contact."""
    start = timezone.make_aware(datetime.datetime.combine(clock.days[0], datetime.time()))
    customers = []
    for pk in customer_ids:
        created = start - datetime.timedelta(days=rng.randint(*CUSTOMERS_SINCE_DAYS), minutes=rng.randint(0, 1439))
        customers.append(Customer(pk=pk, created_at=created, updated_at=created))
    Customer.objects.bulk_update(customers, ["created_at", "updated_at"], batch_size=500)
    created_at = Subquery(Customer.objects.filter(pk=OuterRef("customer_id")).values("created_at")[:1])
    CustomerChange.objects.filter(customer_id__in=customer_ids).update(at=created_at)
    Customer.objects.filter(pk__in=customer_ids, contact_consent_at__isnull=False).update(
        contact_consent_at=F("created_at")
    )


def casework_backdate(*, planned: list[PlannedContact], clock: DemoClock, rng: random.Random) -> None:
    now = timezone.now()
    contact_ids = [contact.contact_id for contact in planned]
    request_ids = [contact.request.request_id for contact in planned if contact.request is not None]
    contact_end = Subquery(Contact.objects.filter(pk=OuterRef("contact_id")).values("ended_at")[:1])
    Contact.objects.filter(pk__in=contact_ids).update(created_at=F("ended_at"))
    Referral.objects.filter(contact_id__in=contact_ids).update(created_at=contact_end)
    Referral.objects.filter(contact_id__in=contact_ids, sent_at__isnull=False).update(sent_at=contact_end)
    AgreedAction.objects.filter(contact_id__in=contact_ids).update(created_at=contact_end)
    ServiceRequest.objects.filter(pk__in=request_ids).update(created_at=F("received_at"))
    received = Subquery(ServiceRequest.objects.filter(pk=OuterRef("request_id")).values("received_at")[:1])
    ServiceRequestEvent.objects.filter(request_id__in=request_ids, kind=ServiceRequestEvent.Kind.RAISED).update(
        at=received
    )
    ended = dict(Contact.objects.filter(pk__in=contact_ids).values_list("pk", "ended_at"))
    for contact in planned:
        if contact.request is not None:
            _request_backdate(contact, clock, rng, now)
        if contact.referral is not None and contact.referral.decision in ("authorised", "declined"):
            decided = moments_between(
                after=ended[contact.contact_id],
                before=min(now, ended[contact.contact_id] + DECISION_WITHIN),
                count=1,
                clock=clock,
                rng=rng,
            )[0]
            referrals = Referral.objects.filter(pk=contact.referral.referral_id)
            referrals.update(decided_at=decided)
            referrals.filter(sent_at__isnull=False).update(sent_at=decided)
        if contact.action is not None and contact.action.complete:
            _action_backdate(contact, ended[contact.contact_id], clock, rng, now)
    # The dashboard's and statements' facts were counted at the load's moment; count them again at the real ones.
    facts_rebuild()
    references = list(ServiceRequest.objects.filter(pk__in=request_ids).values_list("reference", flat=True))
    # Notifications makes the messages only once the seed commits, so they are moved after that.
    transaction.on_commit(lambda: request_messages_backdate(references))


def _request_backdate(contact: PlannedContact, clock: DemoClock, rng: random.Random, now: datetime.datetime) -> None:
    plan = contact.request
    request = ServiceRequest.objects.get(pk=plan.request_id)
    events = list(request.events.exclude(kind=ServiceRequestEvent.Kind.RAISED).order_by("pk"))
    resolutions = [n for n, event in enumerate(events) if event.new_value == Status.RESOLVED]
    if plan.status in RESOLVING and resolutions:
        upto = resolutions[-1] + 1
        if plan.late:
            # Resolved after its due day: the request the reports count as late.
            overdue_from = _day_end(request.due_on)
            before = moments_between(
                after=request.received_at, before=overdue_from, count=upto - 1, clock=clock, rng=rng
            )
            resolved_at = moments_between(
                after=max([overdue_from, *before]), before=now, count=1, clock=clock, rng=rng
            )[0]
            times = [*before, resolved_at]
        else:
            deadline = min(now, _day_end(request.due_on))
            times = moments_between(after=request.received_at, before=deadline, count=upto, clock=clock, rng=rng)
            resolved_at = times[-1]
        times += moments_between(after=resolved_at, before=now, count=len(events) - upto, clock=clock, rng=rng)
        if request.resolved_at is not None:
            request.resolved_at = resolved_at
    else:
        times = moments_between(after=request.received_at, before=now, count=len(events), clock=clock, rng=rng)
    for event, at in zip(events, times, strict=True):
        event.at = at
    ServiceRequestEvent.objects.bulk_update(events, ["at"])
    ServiceRequest.objects.filter(pk=request.pk).update(
        resolved_at=request.resolved_at, updated_at=times[-1] if times else request.received_at
    )


def _action_backdate(
    contact: PlannedContact, ended: datetime.datetime, clock: DemoClock, rng: random.Random, now: datetime.datetime
) -> None:
    due_end = _day_end(contact.action.due_on)
    # An action completed late was done after its due day; one on time by the end of it.
    after, before = (due_end, now) if due_end < now else (ended, min(now, due_end))
    done = moments_between(after=after, before=before, count=1, clock=clock, rng=rng)[0]
    AgreedAction.objects.filter(pk=contact.action.action_id).update(completed_at=done)


def _messages_match(messages, moments: dict[tuple[str, str], list[datetime.datetime]]) -> None:
    """Gives each message the moment of the step it tells the customer about: the n-th message of a kind about a
    reference belongs to the n-th such step."""
    taken: dict[tuple[str, str], int] = defaultdict(int)
    changed = []
    for message in messages:
        key = (message.reference, message.event)
        steps = moments.get(key, [])
        if taken[key] < len(steps):
            message.created_at = steps[taken[key]]
            changed.append(message)
        taken[key] += 1
    Message.objects.bulk_update(changed, ["created_at"], batch_size=500)


def request_messages_backdate(references: list[str]) -> None:
    moments: dict[tuple[str, str], list[datetime.datetime]] = defaultdict(list)
    events = ServiceRequestEvent.objects.filter(request__reference__in=references).order_by("pk")
    for reference, kind, value, visibility, at in events.values_list(
        "request__reference", "kind", "new_value", "visibility", "at"
    ):
        if kind == ServiceRequestEvent.Kind.RAISED:
            moments[(reference, "service_request.raised")].append(at)
        elif kind == ServiceRequestEvent.Kind.STATUS and value == Status.RESOLVED:
            moments[(reference, "service_request.resolved")].append(at)
        elif visibility == ServiceRequestEvent.Visibility.PUBLIC:
            moments[(reference, "service_request.updated")].append(at)
    _messages_match(Message.objects.filter(reference__in=references).order_by("pk"), moments)


def complaint_messages_backdate() -> None:
    """A complaint's messages carry the moment of the step they tell of, the services' `at`."""
    moments: dict[tuple[str, str], list[datetime.datetime]] = defaultdict(list)
    for reference, kind, at in ComplaintEvent.objects.order_by("pk").values_list("complaint__reference", "kind", "at"):
        moments[(reference, f"complaint.{kind}")].append(at)
    _messages_match(Message.objects.filter(event__startswith="complaint.").order_by("pk"), moments)
