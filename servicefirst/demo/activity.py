"""Eight weeks of the demo borough's contact centre, written through the contacts and service requests services
as the officers' screens write them: the services flag repeats, raise referrals and agreed actions, fix due dates
and references, and announce each request's news, which notifications turns into messages once the seed commits.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser

from servicefirst.catalogue.models import CouncilService
from servicefirst.catalogue.selectors import contact_points_active, council_services_by_lgsl_code
from servicefirst.contacts.selectors import (
    avoidable_reasons_active,
    referral_reasons_active,
    wrap_up_codes_active,
)
from servicefirst.contacts.services import ActionOwner, ContactData, contact_log
from servicefirst.demo import casework, plan, scenarios
from servicefirst.demo.answers import request_answers
from servicefirst.demo.backdating import customers_backdate
from servicefirst.demo.clock import DemoClock
from servicefirst.demo.configuration import demo_configuration_load
from servicefirst.organisation.selectors import site_is_open, site_list
from servicefirst.servicerequests.services import RequestData, service_request_raise

WEEKS = 8
Channel = plan.Channel
# How long each kind of contact takes, in minutes: the transaction times the council recharges on.
MINUTES = {
    Channel.PHONE: (2, 11),
    Channel.FACE_TO_FACE: (5, 25),
    Channel.EMAIL: (3, 9),
    Channel.WEB_FORM: (2, 6),
    Channel.LETTER: (4, 12),
    Channel.WEBCHAT: (5, 16),
    Channel.SOCIAL_MEDIA: (2, 6),
    Channel.BSL_VIDEO_RELAY: (10, 24),
    Channel.TEXT_RELAY: (8, 20),
}
FAILED_MINUTES = (0.3, 2)
CENTRES = ("town-hall", "north", "south", "east", "west")
SITE_FOR = {437: "library-hub", 438: "library-hub", 112: "housing-advice", 141: "housing-advice"}
# The Town Hall is open from 10:00 to 17:00 on every working day, so a visit it takes is always in hours.
VISITS_FROM, VISITS_TO = datetime.time(10, 0), datetime.time(16, 30)


@dataclass(frozen=True)
class Activity:
    contacts: int
    requests: int
    referrals: int
    actions: int


@dataclass
class _Lookups:
    services: dict[int, CouncilService]
    wrap_ups: dict[str, int]
    avoidable: dict[str, int]
    referral_reasons: dict[str, int]
    points: list[tuple[str, set[int], int]]  # kind, council service ids, contact point id
    general_points: dict[str, int]  # kind: the published number or address for anything
    sites: dict

    @classmethod
    def load(cls) -> "_Lookups":
        points, general = [], {}
        for point in contact_points_active().filter(site__isnull=True).prefetch_related("services"):
            points.append((point.kind, {service.pk for service in point.services.all()}, point.pk))
            if point.client_service_id is None:
                general[point.kind] = point.pk
        codes = set(scenarios.TOPICS) | set(scenarios.SIGNPOSTED)
        return cls(
            services=council_services_by_lgsl_code(codes=codes),
            wrap_ups={code.code: code.pk for code in wrap_up_codes_active()},
            avoidable={reason.code: reason.pk for reason in avoidable_reasons_active()},
            referral_reasons={reason.code: reason.pk for reason in referral_reasons_active()},
            points=points,
            general_points=general,
            sites={site.code: site for site in site_list()},
        )


def demo_activity_load(*, customer_ids: list[int], walk_through_ids: tuple[int, int], seed: int) -> Activity:
    rng = random.Random(seed)
    lookups = _Lookups.load()
    demo_configuration_load(services=lookups.services)
    clock = DemoClock.weeks_to_today(weeks=WEEKS)
    planner = plan.Planner(
        rng=rng,
        clock=clock,
        sla={code: s.sla_working_days for code, s in lookups.services.items() if s.sla_working_days},
        customer_ids=[pk for pk in customer_ids if pk not in walk_through_ids],
        walk_through_ids=walk_through_ids,
    )
    planned = planner.plan()
    users = {user.username: user for user in get_user_model().objects.filter(username__in=_STAFF_NAMES)}
    # Aisha works full time and Tom part time, so she logs two contacts in three.
    officers = [users["officer"], users["officer"], users["officer2"]]
    timed = sorted((_timing(contact, clock, rng, lookups), n, contact) for n, contact in enumerate(planned))
    for (started_at, ended_at, site_id), _n, contact in timed:
        _log(contact, rng.choice(officers), started_at, ended_at, site_id, lookups, rng)
    staff = casework.Staff(
        manager=users["tm.obrien"],
        authoriser=users["tm.patel"],
        client_service_officers={users[name].client_service_id: users[name] for name in _CLIENT_SERVICE_OFFICERS},
    )
    delivered_by = {code: service.client_service_id for code, service in lookups.services.items()}
    casework.casework_load(planned=planned, staff=staff, client_services=delivered_by, clock=clock, rng=rng)
    # Its own generator, so when customers joined never changes what the contact centre did.
    customers_backdate(customer_ids=customer_ids, clock=clock, rng=random.Random(seed + 4))
    return Activity(
        contacts=len(planned),
        requests=sum(c.request is not None for c in planned),
        referrals=sum(c.referral is not None for c in planned),
        actions=sum(c.action is not None for c in planned),
    )


_CLIENT_SERVICE_OFFICERS = ("waste.officer", "parking.officer")
_STAFF_NAMES = ("officer", "officer2", "tm.patel", "tm.obrien", *_CLIENT_SERVICE_OFFICERS)


def _timing(
    contact: plan.PlannedContact, clock: DemoClock, rng: random.Random, lookups: _Lookups
) -> tuple[datetime.datetime, datetime.datetime, int | None]:
    site = None
    if contact.site:
        site, started_at = _visit_planned(contact, clock, rng, lookups.sites[contact.site])
    elif contact.channel == Channel.FACE_TO_FACE:
        site = lookups.sites[SITE_FOR.get(contact.code) or rng.choice(CENTRES)]
        started_at = clock.at(contact.day, rng, earliest=VISITS_FROM, latest=VISITS_TO)
        if not site_is_open(site=site, at=started_at):
            site = lookups.sites["town-hall"]
    else:
        started_at = clock.at(contact.day, rng)
    low, high = FAILED_MINUTES if contact.outcome == plan.Outcome.FAILED else MINUTES[contact.channel]
    ended_at = started_at + datetime.timedelta(seconds=round(rng.uniform(low, high) * 60))
    return started_at, ended_at, site.pk if site else None


def _visit_planned(contact: plan.PlannedContact, clock: DemoClock, rng: random.Random, site) -> tuple:
    """A planned visit's centre and start: its day if the centre is open then, else the nearest earlier (then later)
    working day it is open, so the centre keeps the visitors its satisfaction answers need."""
    index = clock.days.index(contact.day)
    for day in [*clock.days[index::-1], *clock.days[index + 1 :]]:
        started_at = clock.at(day, rng, earliest=VISITS_FROM, latest=VISITS_TO)
        if site_is_open(site=site, at=started_at):
            contact.day = day
            return site, started_at
    raise RuntimeError(f"{site.code} is open on none of the demo's days")


def _contact_point(contact: plan.PlannedContact, service_id: int | None, lookups: _Lookups, rng) -> int | None:
    """The published number or email address an inbound contact came in on: the service's own, or the general one."""
    kind = {Channel.PHONE: "phone", Channel.EMAIL: "email"}.get(contact.channel)
    if kind is None or contact.direction == plan.ContactDirection.OUTBOUND:
        return None
    own = [pk for point_kind, ids, pk in lookups.points if point_kind == kind and service_id in ids]
    return rng.choice(own) if own else lookups.general_points[kind]


def _log(
    contact: plan.PlannedContact,
    officer: AbstractBaseUser,
    started_at: datetime.datetime,
    ended_at: datetime.datetime,
    site_id: int | None,
    lookups: _Lookups,
    rng: random.Random,
) -> None:
    service = lookups.services[contact.code] if contact.code is not None else None
    data = ContactData(
        channel=contact.channel,
        direction=contact.direction,
        customer_id=contact.customer_id,
        council_service_id=service.pk if service else None,
        reason=contact.reason,
        contact_point_id=_contact_point(contact, service.pk if service else None, lookups, rng),
        site_id=site_id,
        started_at=started_at,
        ended_at=ended_at,
        outcome=contact.outcome,
        wrap_up_code_id=lookups.wrap_ups[contact.wrap_up],
        is_avoidable=bool(contact.avoidable),
        avoidable_reason_id=lookups.avoidable[contact.avoidable] if contact.avoidable else None,
    )
    if contact.referral is not None:
        data.referral_reason_id = lookups.referral_reasons[contact.referral.reason]
        data.referral_detail = contact.referral.detail
    if contact.action is not None:
        data.action_what = contact.action.what
        data.action_owner = ActionOwner.CLIENT_SERVICE if contact.action.by_service else ActionOwner.OFFICER
        data.action_due_on = contact.action.due_on
    logged = contact_log(officer=officer, data=data)
    contact.officer, contact.contact_id = officer, logged.pk
    if contact.referral is not None:
        contact.referral.referral_id = logged.referrals.get().pk
    if contact.action is not None:
        contact.action.action_id = logged.agreed_actions.get().pk
    if contact.request is not None:
        request = contact.request
        raised = service_request_raise(
            actor=officer,
            data=RequestData(
                council_service_id=service.pk,
                description=contact.reason,
                channel=contact.channel,
                answers=request_answers(code=request.code, customer_id=contact.customer_id, day=contact.day, rng=rng),
                customer_id=contact.customer_id,
                contact_id=logged.pk,
                priority=request.priority,
                received_at=started_at,
            ),
        )
        request.request_id = raised.pk
