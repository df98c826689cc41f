"""The borough's organisation, catalogue and staff, loaded the way a council loads its own: the demo's CSV
files through `import_organisation`, `import_lgsl` and `import_catalogue` (plus one file of this package's
for the freedom-pass service the renewal wave needs), and staff in every role through `staff_user_create`."""

import functools
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from faker import Faker

from servicefirst.accounts.roles import Role
from servicefirst.accounts.services import staff_user_create
from servicefirst.catalogue.models import ContactPoint, CouncilService
from servicefirst.complaints.models import ComplaintsTeam, ComplaintTheme, DeadlineRule, Procedure
from servicefirst.contacts.models import AvoidableReason, ReferralReason, WrapUpCode
from servicefirst.demo.borough.volumes import DEMO_DATA
from servicefirst.demo.closures import demo_site_closures_load
from servicefirst.demo.configuration import demo_service_wording_load
from servicefirst.demo.second_factor import demo_second_factors_load
from servicefirst.organisation.models import ClientService, Site
from servicefirst.satisfaction.models import DissatisfactionReason

OWN_DATA = Path(__file__).resolve().parent / "data"
LGSL = Path(settings.BASE_DIR) / "servicefirst" / "catalogue" / "data" / "lgsl.csv"
STAFF_PASSWORD = "demo-password-2026"  # noqa: S105  the demo's published password
# (username, role, first, last): the demo's named sign-ins, so the README's walk-through works here too.
NAMED_STAFF = [
    ("tm.patel", Role.TEAM_MANAGER, "Priya", "Patel"),
    ("tm.obrien", Role.TEAM_MANAGER, "Declan", "O'Brien"),
    ("head", Role.HEAD_OF_SERVICE, "Helen", "Wright"),
    ("councillor", Role.COUNCILLOR, "Robert", "Chapman"),
    ("admin", Role.ADMINISTRATOR, "Sam", "Adeyemi"),
]
OFFICERS = 64  # about 60 full-time officers answer 375,000 calls and 300,000 visits
EXTRA_TEAM_MANAGERS = 4
COMPLAINTS_OFFICERS = 3
COUNCILLORS = 3
OFFICERS_PER_CLIENT_SERVICE = 2


@dataclass
class Borough:
    """What the generator needs to know about the loaded structure, in a fixed order."""

    services: list[CouncilService]
    sites: list[Site]
    officers: list[int]
    officers_by_site: dict[int, list[int]]
    centre_officers: list[int]
    managers: list[int]
    client_officers: dict[int, list[int]]
    complaints_officers: list[int]
    names: dict[int, str]
    wrap_up: dict[str, int]
    avoidable: dict[str, int]
    referral_reasons: list[int]
    dissatisfaction: list[int]
    themes: list[int]
    corporate_team: int
    corporate_rule: DeadlineRule
    switchboard: int | None = None
    phone_point: dict[int, int] = field(default_factory=dict)
    email_point: dict[int, int] = field(default_factory=dict)


@functools.cache
def _staff_password_hash(hasher: str) -> str:
    # Hashed once per hasher, by the site's own (the first of PASSWORD_HASHERS), so every documented sign-in works
    # on the running site; hashing it for each of a hundred staff would take the hasher a second apiece.
    return make_password(STAFF_PASSWORD)


def _user(username: str, role: str, first: str, last: str, client_service_id: int | None = None) -> int:
    return staff_user_create(
        username=username,
        role=role,
        password=STAFF_PASSWORD,
        password_hash=_staff_password_hash(settings.PASSWORD_HASHERS[0]),
        first_name=first,
        last_name=last,
        email=f"{username}@demo-borough.example",
        client_service_id=client_service_id,
    ).pk


def structure_load(*, seed: int, year: int) -> Borough:
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    out = io.StringIO()
    managers = [_user(u, r, f, la) for u, r, f, la in NAMED_STAFF if r == Role.TEAM_MANAGER]
    for username, role, first, last in NAMED_STAFF:
        if role != Role.TEAM_MANAGER:
            _user(username, role, first, last)
    managers += [
        _user(f"tm{n:02d}", Role.TEAM_MANAGER, fake.first_name(), fake.last_name())
        for n in range(1, EXTRA_TEAM_MANAGERS + 1)
    ]
    officers = [
        _user(f"officer{n:02d}", Role.OFFICER, fake.first_name(), fake.last_name()) for n in range(1, OFFICERS + 1)
    ]
    complaints = [
        _user(f"complaints{n}", Role.COMPLAINTS_OFFICER, fake.first_name(), fake.last_name())
        for n in range(1, COMPLAINTS_OFFICERS + 1)
    ]
    for n in range(2, COUNCILLORS + 1):
        _user(f"councillor{n}", Role.COUNCILLOR, fake.first_name(), fake.last_name())
    demo_second_factors_load()
    for kind in ("directorates", "client-services", "sites"):
        call_command("import_organisation", kind, DEMO_DATA / f"{kind.replace('-', '_')}.csv", stdout=out)
    demo_site_closures_load(years=(year,), stdout=out)
    call_command("import_lgsl", LGSL, stdout=out)
    call_command("import_catalogue", "council-services", DEMO_DATA / "council_services.csv", stdout=out)
    call_command("import_catalogue", "council-services", OWN_DATA / "council_services.csv", stdout=out)
    call_command("import_catalogue", "contact-points", DEMO_DATA / "contact_points.csv", stdout=out)
    # The residents' site of a generated borough reads as the walk-through demo's does, not in the LGSL's words.
    demo_service_wording_load()
    client_officers = {}
    for service in ClientService.objects.order_by("code"):
        client_officers[service.pk] = [
            _user(f"{service.code}.{n}", Role.CLIENT_SERVICE_OFFICER, fake.first_name(), fake.last_name(), service.pk)
            for n in range(1, OFFICERS_PER_CLIENT_SERVICE + 1)
        ]
    team = ComplaintsTeam.objects.get(procedure=Procedure.CORPORATE, is_default=True)
    team.members.add(*complaints)
    return borough_read(officers, managers, client_officers, complaints, team.pk)


def borough_read(officers, managers, client_officers, complaints, team_id) -> Borough:
    sites = list(Site.objects.order_by("code"))
    # Each site has its own desk officers; the rest staff the contact centre.
    rng = random.Random(len(officers))
    shuffled = officers[:]
    rng.shuffle(shuffled)
    per_site = max(2, len(officers) // (2 * len(sites)))
    by_site = {s.pk: shuffled[i * per_site : (i + 1) * per_site] for i, s in enumerate(sites)}
    centre = shuffled[per_site * len(sites) :] or officers
    users = get_user_model().objects.filter(is_active=True)
    borough = Borough(
        services=list(CouncilService.objects.select_related("lgsl").order_by("lgsl__code")),
        sites=sites,
        officers=officers,
        officers_by_site=by_site,
        centre_officers=centre,
        managers=managers,
        client_officers=client_officers,
        complaints_officers=complaints,
        names={u.pk: u.display_name for u in users},
        wrap_up=dict(WrapUpCode.objects.values_list("code", "pk")),
        avoidable=dict(AvoidableReason.objects.values_list("code", "pk")),
        referral_reasons=list(ReferralReason.objects.order_by("code").values_list("pk", flat=True)),
        dissatisfaction=list(DissatisfactionReason.objects.order_by("label").values_list("pk", flat=True)),
        themes=list(ComplaintTheme.objects.order_by("code").values_list("pk", flat=True)),
        corporate_team=team_id,
        corporate_rule=DeadlineRule.objects.get(procedure=Procedure.CORPORATE, stage=1),
    )
    switchboard = info = None
    for point in ContactPoint.objects.prefetch_related("services").order_by("pk"):
        if point.kind == "phone" and point.client_service_id is None and point.site_id is None:
            switchboard = switchboard or point.pk
        if point.kind == "email" and point.client_service_id is None:
            info = info or point.pk
        chosen = borough.phone_point if point.kind == "phone" else borough.email_point
        for service in point.services.all():
            if point.client_service_id is not None:
                chosen.setdefault(service.pk, point.pk)
    borough.switchboard = switchboard
    for service in borough.services:
        borough.phone_point.setdefault(service.pk, switchboard)
        borough.email_point.setdefault(service.pk, info)
    return borough
