"""What follows the contacts: client services take and work their requests, a team manager decides the referrals
waiting for authorisation, and officers carry out some of the actions they agreed.

The services stamp each of these with the moment it happens, which for the demo is the moment it is loaded: a
request resolved here was resolved today, so only requests still within their SLA are resolved on time, and the
rest are the late ones the reports should show.
"""

import random
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import F, OuterRef, Subquery

from servicefirst.contacts.models import AgreedAction, Contact, Referral
from servicefirst.contacts.services import agreed_action_complete, referral_authorise, referral_decline
from servicefirst.demo import scenarios
from servicefirst.demo.plan import PlannedContact, Status
from servicefirst.notifications.models import Message
from servicefirst.servicerequests.models import ServiceRequest, ServiceRequestEvent
from servicefirst.servicerequests.services import (
    service_request_bulk_assign,
    service_request_note_add,
    service_request_status_update,
)

Visibility = ServiceRequestEvent.Visibility

STEPS = {
    Status.NEW: (),
    Status.ASSIGNED: (),
    Status.IN_PROGRESS: (Status.IN_PROGRESS,),
    Status.AWAITING_CUSTOMER: (Status.IN_PROGRESS, Status.AWAITING_CUSTOMER),
    Status.RESOLVED: (Status.IN_PROGRESS, Status.RESOLVED),
    Status.CLOSED: (Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED),
    Status.REOPENED: (Status.IN_PROGRESS, Status.RESOLVED, Status.REOPENED),
}


@dataclass(frozen=True)
class Staff:
    manager: AbstractBaseUser  # the team manager who assigns the neighbourhoods queues
    authoriser: AbstractBaseUser  # the team manager who decides referrals needing authorisation
    client_service_officers: dict[int, AbstractBaseUser]  # client service id: its officer

    def worker(self, client_service_id: int) -> AbstractBaseUser:
        return self.client_service_officers.get(client_service_id, self.manager)


def casework_load(
    *, planned: list[PlannedContact], staff: Staff, client_services: dict[int, int], rng: random.Random
) -> None:
    """`client_services` maps each LGSL code to the client service that delivers it."""
    _requests_work(planned=planned, staff=staff, client_services=client_services, rng=rng)
    for contact in planned:
        referral = contact.referral
        if referral is not None and referral.decision == "authorised":
            referral_authorise(manager=staff.authoriser, referral_id=referral.referral_id)
        elif referral is not None and referral.decision == "declined":
            reason = rng.choice(scenarios.DECLINES)
            referral_decline(manager=staff.authoriser, referral_id=referral.referral_id, reason=reason)
        action = contact.action
        if action is not None and action.complete:
            user = contact.officer
            if action.by_service:
                user = staff.client_service_officers.get(client_services[contact.code], staff.authoriser)
            agreed_action_complete(user=user, action_id=action.action_id)
    _backdate(planned)


def _requests_work(
    *, planned: list[PlannedContact], staff: Staff, client_services: dict[int, int], rng: random.Random
) -> None:
    requests = [contact for contact in planned if contact.request is not None]
    queues: dict[int, list[int]] = defaultdict(list)
    for contact in requests:
        if contact.request.status != Status.NEW:
            queues[client_services[contact.code]].append(contact.request.request_id)
    for client_service_id, request_ids in sorted(queues.items()):
        officer = staff.worker(client_service_id)
        service_request_bulk_assign(actor=staff.manager, request_ids=request_ids, officer_id=officer.pk)
    for contact in requests:
        plan, worker = contact.request, staff.worker(client_services[contact.code])
        awaiting, resolved = scenarios.REQUEST_WORDS[plan.code]
        notes = {Status.AWAITING_CUSTOMER: awaiting, Status.RESOLVED: resolved}
        notes[Status.REOPENED] = rng.choice(scenarios.REOPENED)
        for status in STEPS[plan.status]:
            service_request_status_update(
                actor=worker, request_id=plan.request_id, status=status, note=notes.get(status, "")
            )
            if status != Status.IN_PROGRESS:
                continue
            if rng.random() < 0.6:
                note = rng.choice(scenarios.REQUEST_NOTES)
                service_request_note_add(actor=worker, request_id=plan.request_id, note=note)
            if plan.status == Status.IN_PROGRESS:
                update = rng.choice(scenarios.CUSTOMER_UPDATES)
                service_request_note_add(
                    actor=worker, request_id=plan.request_id, note=update, visibility=Visibility.PUBLIC
                )


def _backdate(planned: list[PlannedContact]) -> None:
    """Records made at a contact carry the moment they were written, which for the demo is today. Each is moved
    to the moment it stands for (the end of the contact, the request's receipt) so lists and timelines read as
    eight weeks of work; the services accept the contact's times and the request's receipt but always stamp
    their own creation times with now, and only those creation times are changed here."""
    contact_ids = [contact.contact_id for contact in planned]
    request_ids = [contact.request.request_id for contact in planned if contact.request is not None]
    contact_end = Subquery(Contact.objects.filter(pk=OuterRef("contact_id")).values("ended_at")[:1])
    Contact.objects.filter(pk__in=contact_ids).update(created_at=F("ended_at"))
    Referral.objects.filter(contact_id__in=contact_ids).update(created_at=contact_end)
    AgreedAction.objects.filter(contact_id__in=contact_ids).update(created_at=contact_end)
    ServiceRequest.objects.filter(pk__in=request_ids).update(created_at=F("received_at"))
    received = Subquery(ServiceRequest.objects.filter(pk=OuterRef("request_id")).values("received_at")[:1])
    ServiceRequestEvent.objects.filter(request_id__in=request_ids, kind=ServiceRequestEvent.Kind.RAISED).update(
        at=received
    )
    references = list(ServiceRequest.objects.filter(pk__in=request_ids).values_list("reference", flat=True))
    # Notifications makes the acknowledgements only once the seed commits, so they are moved after that.
    transaction.on_commit(lambda: _acknowledgements_backdate(references))


def _acknowledgements_backdate(references: list[str]) -> None:
    received = Subquery(ServiceRequest.objects.filter(reference=OuterRef("reference")).values("received_at")[:1])
    Message.objects.filter(event="service_request.raised", reference__in=references).update(created_at=received)
