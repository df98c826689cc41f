"""What follows the contacts: client services take and work their requests, a team manager decides the referrals
waiting for authorisation, and officers carry out some of the actions they agreed.

The services stamp each of these with the moment it is loaded; `backdating` then moves each to its moment in
the eight weeks, a request planned as late resolved after its due day and the rest by it.
"""

import random
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser

from servicefirst.contacts.services import agreed_action_complete, referral_authorise, referral_decline
from servicefirst.demo import scenarios
from servicefirst.demo.backdating import casework_backdate
from servicefirst.demo.clock import DemoClock
from servicefirst.demo.plan import PlannedContact, Status
from servicefirst.servicerequests.models import ServiceRequestEvent
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
    *,
    planned: list[PlannedContact],
    staff: Staff,
    client_services: dict[int, int],
    clock: DemoClock,
    rng: random.Random,
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
    casework_backdate(planned=planned, clock=clock, rng=rng)


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
