"""Loads a small demo borough: the organisation and catalogue through the same CSV imports a council
uses, staff in every role, a few thousand customers made through the customer services, and eight weeks
of contacts, service requests, referrals and agreed actions, satisfaction answers, two years of complaints and a
year of mystery shopping, all made through their services."""

import datetime
import random
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from faker import Faker

from servicefirst.accounts.roles import Role
from servicefirst.accounts.services import staff_user_create
from servicefirst.customers.models import AccessibilityNeed, Channel
from servicefirst.customers.services import CustomerData, customer_create
from servicefirst.demo.activity import WEEKS, demo_activity_load
from servicefirst.demo.closures import demo_site_closures_load
from servicefirst.demo.complaints import demo_complaints_load
from servicefirst.demo.mysteryshopping import demo_mysteryshopping_load
from servicefirst.demo.names import FEMALE, MALE, street_names, title_draw
from servicefirst.demo.satisfaction import demo_satisfaction_load
from servicefirst.demo.second_factor import demo_second_factors_load, demo_totp_secret
from servicefirst.organisation.selectors import client_services_by_code

DATA = Path(__file__).resolve().parents[2] / "data"
LGSL = Path(settings.BASE_DIR) / "servicefirst" / "catalogue" / "data" / "lgsl.csv"
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105  published in the README for the demo only

# (username, role, first name, last name, client service code)
STAFF = [
    ("officer", Role.OFFICER, "Aisha", "Rahman", None),
    ("officer2", Role.OFFICER, "Tom", "Kowalski", None),
    ("tm.patel", Role.TEAM_MANAGER, "Priya", "Patel", None),
    ("tm.obrien", Role.TEAM_MANAGER, "Declan", "O'Brien", None),
    ("complaints", Role.COMPLAINTS_OFFICER, "Grace", "Mensah", None),
    ("head", Role.HEAD_OF_SERVICE, "Helen", "Wright", None),
    ("councillor", Role.COUNCILLOR, "Robert", "Chapman", None),
    ("admin", Role.ADMINISTRATOR, "Sam", "Adeyemi", None),
    ("waste.officer", Role.CLIENT_SERVICE_OFFICER, "Kemal", "Yilmaz", "waste"),
    ("parking.officer", Role.CLIENT_SERVICE_OFFICER, "Joanna", "Nowak", "parking"),
]
OUTWARD_CODES = ["E8", "E5", "E9", "N16", "N1", "N4", "E2", "EC2A"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
LANGUAGES = ["English"] * 40 + ["Turkish", "Polish", "Bengali", "Somali", "Yiddish", "Portuguese", "Spanish", "Urdu"]


# The customers README.md's walk-through searches for, so it finds the same people on every machine.
WALK_THROUGH_CUSTOMERS = (
    CustomerData(
        title="Mr",
        first_name="John",
        last_name="Smith",
        date_of_birth=datetime.date(1958, 3, 14),
        address_line_1="14 Mare Street",
        town="London",
        postcode="E8 1EA",
        other_phone="020 7946 0123",
        email="john.smith@example.com",
        preferred_channel=Channel.PHONE,
        accessibility_needs=[AccessibilityNeed.HEARING_LOOP, AccessibilityNeed.CALL_BACK],
        contact_consent=True,
    ),
    CustomerData(
        first_name="Siobhán",
        last_name="O'Brien-Lévy",
        date_of_birth=datetime.date(1991, 11, 2),
        address_line_1="Flat 3, 22 Stoke Newington Road",
        town="London",
        postcode="N16 7XN",
        mobile_phone="07812 345678",
        preferred_channel=Channel.TEXT,
        preferred_language="Irish",
        accessibility_needs=[AccessibilityNeed.BSL],
        contact_consent=True,
    ),
)


class Command(BaseCommand):
    help = "Loads the demo borough (skipped if already loaded) and prints the demo sign-ins."

    def add_arguments(self, parser):
        parser.add_argument("--customers", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, customers: int, seed: int, **options):
        if get_user_model().objects.filter(username="officer").exists():
            self.stdout.write("Demo borough already loaded.")
        else:
            # One transaction, so a load that fails leaves nothing behind and the next run starts afresh.
            with transaction.atomic():
                self._load(customers=customers, seed=seed)
        self._print_sign_ins()

    def _step(self, what: str) -> None:
        """Says what the load is doing and how long the last step took: it runs for minutes, and silence looks like
        a hang."""
        now = time.monotonic()
        if self._step_started is not None:
            self.stdout.write(f"  done in {now - self._step_started:.0f} s")
        self._step_started = now
        if what:
            self.stdout.write(f"{what}…")
        self.stdout.flush()

    def _load(self, *, customers: int, seed: int) -> None:
        self._step_started: float | None = None
        self._step("Adding the demo's staff, organisation, sites and service catalogue")
        for username, role, first, last, service in STAFF:
            if service is None:
                staff_user_create(
                    username=username,
                    role=role,
                    password=DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@demo-borough.example",
                )
        call_command("import_organisation", "directorates", DATA / "directorates.csv", stdout=self.stdout)
        call_command("import_organisation", "client-services", DATA / "client_services.csv", stdout=self.stdout)
        call_command("import_organisation", "sites", DATA / "sites.csv", stdout=self.stdout)
        # This year's closures and next year's, so some are still to come on any day the demo is loaded.
        this_year = timezone.localdate().year
        demo_site_closures_load(years=(this_year, this_year + 1), stdout=self.stdout)
        call_command("import_lgsl", LGSL, stdout=self.stdout)
        call_command("import_catalogue", "council-services", DATA / "council_services.csv", stdout=self.stdout)
        call_command("import_catalogue", "contact-points", DATA / "contact_points.csv", stdout=self.stdout)
        services = client_services_by_code(codes={s for *_, s in STAFF if s})
        for username, role, first, last, service in STAFF:
            if service is not None:
                staff_user_create(
                    username=username,
                    role=role,
                    password=DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@demo-borough.example",
                    client_service_id=services[service].pk,
                )
        demo_second_factors_load()
        self._step(f"Creating {customers:,} demo customers")
        customer_ids = self._customers(count=customers, seed=seed)
        self._step(f"Logging {WEEKS} weeks of contacts, requests, referrals and messages (the longest step)")
        activity = demo_activity_load(
            customer_ids=customer_ids, walk_through_ids=tuple(customer_ids[: len(WALK_THROUGH_CUSTOMERS)]), seed=seed
        )
        self.stdout.write(
            f"Logged {activity.contacts:,} contacts over {WEEKS} weeks: {activity.requests} service requests, "
            f"{activity.referrals} referrals and {activity.actions} agreed actions"
        )
        # Each loader has its own generator, so adding one never changes what another makes.
        self._step("Recording satisfaction answers")
        surveys = demo_satisfaction_load(rng=random.Random(seed + 1))
        self._step("Recording two years of complaints, compliments and comments")
        feedback = demo_complaints_load(rng=random.Random(seed + 2))
        self._step("Recording a year of mystery shops")
        shops = demo_mysteryshopping_load(rng=random.Random(seed + 3))
        self._step("")
        self.stdout.write(
            f"Recorded {surveys:,} satisfaction answers, {feedback:,} complaints, compliments and comments over two "
            f"years, and {shops} mystery shops over a year"
        )

    def _customers(self, *, count: int, seed: int) -> list[int]:
        rng = random.Random(seed)
        fake = Faker("en_GB")
        fake.seed_instance(seed)
        officer = get_user_model().objects.get(username="officer")
        ids = [customer_create(actor=officer, data=data).pk for data in WALK_THROUGH_CUSTOMERS]
        for made in range(len(ids), count):
            if made and made % 500 == 0:
                self.stdout.write(f"  {made:,} of {count:,}")
                self.stdout.flush()
            is_business = rng.random() < 0.04
            inward = f"{rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
            postcode = f"{rng.choice(OUTWARD_CODES)} {inward}"
            sex = rng.choice((MALE, FEMALE))
            first = fake.first_name_male() if sex == MALE else fake.first_name_female()
            last = fake.last_name()
            has_email = rng.random() < 0.6
            email = f"{first}.{last}{rng.randint(1, 99)}@example.com".lower().replace("'", "") if has_email else ""
            mobile = f"07{rng.choice(['812', '723', '534', '956'])}{rng.randint(0, 999999):06d}"
            needs = rng.sample(list(AccessibilityNeed.values), k=1) if rng.random() < 0.08 else []
            channels = [Channel.PHONE, Channel.FACE_TO_FACE, Channel.LETTER] + ([Channel.EMAIL] if has_email else [])
            data = CustomerData(
                kind="organisation" if is_business else "person",
                first_name="" if is_business else first,
                last_name="" if is_business else last,
                organisation_name=fake.company() if is_business else "",
                title="" if is_business else title_draw(rng, sex),
                date_of_birth=None if is_business else fake.date_of_birth(minimum_age=17, maximum_age=95),
                address_line_1=f"{rng.randint(1, 240)} {rng.choice(street_names())}",
                town="London",
                postcode=postcode,
                mobile_phone=mobile if rng.random() < 0.85 else "",
                email=email,
                preferred_channel=rng.choice(channels),
                preferred_language=rng.choice(LANGUAGES),
                accessibility_needs=needs,
                contact_consent=rng.random() < 0.4,
            )
            ids.append(customer_create(actor=officer, data=data).pk)
        self.stdout.write(f"Created {count:,} demo customers")
        return ids

    def _print_sign_ins(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD})")
        for username, role, _first, _last, service in STAFF:
            where = f", {service}" if service else ""
            self.stdout.write(f"  {username:<16} {Role(role).label}{where}")
        needing = ", ".join(u for u, role, *_ in STAFF if role in settings.STAFF_SECOND_FACTOR_ROLES)
        self.stdout.write(
            f"{needing} also give a code from an authenticator app: add the demo key {demo_totp_secret()} to one "
            "(time-based, 6 digits), or run `.venv/bin/python manage.py demo_second_factor_code` for the code now."
        )
