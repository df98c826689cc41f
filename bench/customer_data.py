"""Seeds the benchmark database with realistic customers of a large English council, fast.

Faker is too slow to call per row for a million customers, so it fills pools (names, streets,
companies) once and a seeded random.Random combines them. The phonetic keys come from the
customer services' own `customer_search_keys_set`, and a sample of rows is checked against the services' own
cleaning, so the rows hold exactly what `customer_create` would store.
"""

import datetime
import random
import time
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from faker import Faker

from servicefirst.core.validation import postcode_normalise
from servicefirst.customers.models import (
    AccessibilityNeed,
    Address,
    Channel,
    Customer,
    CustomerChange,
    EmailAddress,
    PhoneNumber,
)
from servicefirst.customers.names import fold
from servicefirst.customers.services import (
    CustomerData,
    address_search_keys,
    customer_data_clean,
    customer_search_keys_set,
)

SEED = 2026
# Bump when the generated data changes, so an existing benchmark database is seeded again.
GENERATOR_VERSION = 2
BATCH = 10_000
# A Birmingham-sized council: most customers live in the borough's districts, some elsewhere.
BOROUGH_DISTRICTS = [f"B{n}" for n in range(1, 49) if n not in (39, 41)]
BOROUGH_SHARE = 0.85
POSTCODES_PER_DISTRICT = 500
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
# Where the borough's residents' names come from (Faker locales with Latin-script names).
NAME_LOCALES = {
    "en_GB": 0.72,
    "en_PK": 0.08,
    "en_IN": 0.05,
    "en_IE": 0.04,
    "pl_PL": 0.03,
    "yo_NG": 0.03,
    "ro_RO": 0.02,
    "it_IT": 0.02,
    "tr_TR": 0.01,
}
TITLES = ["", "", "", "Mr", "Mrs", "Ms", "Miss", "Dr", "Mx"]
LANGUAGES = ["English"] * 40 + ["Urdu", "Punjabi", "Polish", "Bengali", "Somali", "Romanian", "Arabic", "Yoruba"]
EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]
# Prefixes phonenumbers accepts for every following digit (07911 and 07700 900 are not).
MOBILE_PREFIXES = ["+4471", "+4473", "+4474", "+4475", "+4478"]
LANDLINE_PREFIXES = ["+44121" + d for d in "234567"] + ["+44207", "+44208"]
TABLES = [Customer, Address, PhoneNumber, EmailAddress]


def _columns(model) -> list[str]:
    # Customers keep the generated id, so addresses and contacts can point at them; the rest number themselves.
    # The database computes generated columns (an address's outward code) itself.
    return [
        f.attname for f in model._meta.concrete_fields if (model is Customer or not f.primary_key) and not f.generated
    ]


def _prep(model, attname: str, value):
    field = next(f for f in model._meta.concrete_fields if f.attname == attname)
    return field.get_db_prep_save(value, connection)


class Pools:
    """Everything drawn from Faker, made once, with each value already in the form the database stores."""

    def __init__(self) -> None:
        rng = random.Random(SEED)
        self.names = []
        for locale in NAME_LOCALES:
            fake = Faker(locale)
            fake.seed_instance(SEED)
            # Repeats keep Faker's weighting: Smith stays commoner than Savage.
            firsts = [n for n in (fake.first_name() for _ in range(3000)) if fold(n)]
            lasts = [n for n in (fake.last_name() for _ in range(3000)) if fold(n)]
            self.names.append((firsts, lasts))
        self.name_weights = list(NAME_LOCALES.values())
        fake = Faker("en_GB")
        fake.seed_instance(SEED)
        self.companies = sorted({fake.company() for _ in range(20_000)})
        self.streets = sorted({fake.street_name() for _ in range(3000)})
        self.towns = sorted({fake.city() for _ in range(500)})
        borough = {
            f"{district} {rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
            for district in BOROUGH_DISTRICTS
            for _ in range(POSTCODES_PER_DISTRICT)
        }
        self.borough_postcodes = sorted(borough)
        elsewhere = set()
        for _ in range(30_000):
            try:
                elsewhere.add(postcode_normalise(fake.postcode()))
            except ValidationError:  # Faker makes a few postcodes the government standard refuses
                continue
        self.other_postcodes = sorted(elsewhere - borough)
        for postcode in self.borough_postcodes:
            assert postcode_normalise(postcode) == postcode, postcode
        start, end = datetime.date(1928, 1, 1).toordinal(), datetime.date(2008, 12, 31).toordinal()
        self.births = [_prep(Customer, "date_of_birth", datetime.date.fromordinal(d)) for d in range(start, end)]
        self.needs = [_prep(Customer, "accessibility_needs", [need]) for need in AccessibilityNeed.values]
        self.no_needs = _prep(Customer, "accessibility_needs", [])
        self.now = _prep(Customer, "created_at", timezone.now())
        self.true, self.false = _prep(Customer, "contact_consent", True), _prep(Customer, "contact_consent", False)


class Rows(NamedTuple):
    customer: dict
    address: dict
    phones: list[dict]
    emails: list[dict]
    typed: CustomerData  # what an officer would have typed, to check against the services' cleaning


def _customer(pools: Pools, rng: random.Random, pk: int) -> Rows:
    firsts, lasts = rng.choices(pools.names, weights=pools.name_weights)[0]
    is_org = rng.random() < 0.05
    person = SimpleNamespace(
        kind="organisation" if is_org else "person",
        first_name="" if is_org else rng.choice(firsts),
        last_name="" if is_org else rng.choice(lasts),
        organisation_name=rng.choice(pools.companies) if is_org else "",
    )
    customer_search_keys_set(person)
    consent = rng.random() < 0.4
    in_borough = rng.random() < BOROUGH_SHARE
    postcode = rng.choice(pools.borough_postcodes if in_borough else pools.other_postcodes)
    line_1 = f"{rng.randint(1, 250)} {rng.choice(pools.streets)}"
    town = "Birmingham" if in_borough else rng.choice(pools.towns)
    roll = rng.random()
    mobile = f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 99_999_999):08d}" if roll < 0.82 else ""
    home = f"{rng.choice(LANDLINE_PREFIXES)}{rng.randint(0, 999_999):06d}" if 0.72 < roll < 0.95 else ""
    if home.startswith(("+44207", "+44208")):
        home += str(rng.randint(0, 9))  # London numbers have one more digit
    email = ""
    if rng.random() < 0.7:
        local = fold(person.organisation_name) if is_org else f"{fold(person.first_name)}.{fold(person.last_name)}"
        email = f"{local.replace(' ', '')}{rng.choice(['', str(rng.randint(1, 999))])}@{rng.choice(EMAIL_DOMAINS)}"
    # The services refuse email or text as the preferred channel without an address to use.
    channels = [Channel.PHONE, Channel.LETTER, Channel.FACE_TO_FACE]
    channels += [Channel.EMAIL] * bool(email) + [Channel.TEXT] * bool(mobile)
    channel = rng.choice(channels)
    customer = {
        "id": pk,
        **vars(person),
        "title": "" if is_org else rng.choice(TITLES),
        "date_of_birth": None if is_org else rng.choice(pools.births),
        "preferred_channel": channel,
        "preferred_language": rng.choice(LANGUAGES),
        "accessibility_needs": rng.choice(pools.needs) if rng.random() < 0.08 else pools.no_needs,
        "accessibility_notes": "",
        "contact_consent": pools.true if consent else pools.false,
        "contact_consent_at": pools.now if consent else None,
        "version": 1,
        "created_at": pools.now,
        "updated_at": pools.now,
        "created_by_id": None,
    }
    # customer_create stores every new primary address as a home address.
    address = {"customer_id": pk, "kind": "home", "line_1": line_1, "line_2": "", "town": town}
    address |= {"postcode": postcode, "uprn": "", "is_primary": pools.true, **address_search_keys(line_1=line_1)}
    phones = [{"customer_id": pk, "kind": k, "number": n} for k, n in (("mobile", mobile), ("home", home)) if n]
    emails = [{"customer_id": pk, "email": email}] if email else []
    typed = CustomerData(
        kind=person.kind,
        first_name=person.first_name,
        last_name=person.last_name,
        organisation_name=person.organisation_name,
        address_line_1=line_1,
        town=town,
        postcode=postcode.lower().replace(" ", ""),
        mobile_phone=mobile,
        other_phone=home,
        email=email.upper(),
        preferred_channel=channel,
    )
    return Rows(customer, address, phones, emails, typed)


def _check(rows: Rows) -> None:
    """The services' cleaning must leave the generated values as they are, or the rows are not the app's."""
    cleaned = customer_data_clean(rows.typed)
    phones = {p["kind"]: p["number"] for p in rows.phones}
    assert cleaned.postcode == rows.address["postcode"], rows
    assert (cleaned.mobile_phone, cleaned.other_phone) == (phones.get("mobile", ""), phones.get("home", "")), rows
    assert cleaned.email == (rows.emails[0]["email"] if rows.emails else ""), rows
    keys = SimpleNamespace(**{k: getattr(cleaned, k) for k in ("kind", "first_name", "last_name", "organisation_name")})
    customer_search_keys_set(keys)
    assert all(rows.customer[k] == v for k, v in vars(keys).items()), rows


def _insert(model, rows: list[dict]) -> None:
    if not rows:
        return
    columns = _columns(model)
    if set(rows[0]) != set(columns):
        raise RuntimeError(f"{model.__name__} has columns {columns}: update bench/customer_data.py to match")
    values = [tuple(row[c] for c in columns) for row in rows]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})", values)


def _marker() -> tuple[int, int, float] | None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_seed (customers integer, version integer, seconds real)")
        cursor.execute("SELECT customers, version, seconds FROM bench_seed")
        return cursor.fetchone()


def _empty() -> None:
    if connection.vendor == "sqlite":
        # A new file is much faster than deleting a million rows (and their foreign key checks).
        path = Path(connection.settings_dict["NAME"])
        connection.close()
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        call_command("migrate", verbosity=0, interactive=False)
        _marker()
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bench_seed")
        tables = [m._meta.db_table for m in (CustomerChange, *TABLES)]
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def seed(count: int, *, reseed: bool = False) -> dict:
    """Migrates and seeds `count` customers, unless the database already holds this generator's `count`."""
    call_command("migrate", verbosity=0, interactive=False)
    marker = _marker()
    if marker and tuple(marker[:2]) == (count, GENERATOR_VERSION) and not reseed:
        print(f"  {count:,} customers already seeded (seeding took {marker[2]:.0f} s); reusing them")
        return {"reused": True, "seconds": round(marker[2], 1)}
    started = time.perf_counter()
    _empty()
    pools = Pools()
    print(f"  emptied and ready in {time.perf_counter() - started:.1f} s; seeding {count:,} customers")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Safe only because a failed seed is thrown away: the marker is written last.
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-1000000")
    for start in range(1, count + 1, BATCH):
        rng = random.Random(f"{SEED}:{start}")
        batch = [_customer(pools, rng, pk) for pk in range(start, min(start + BATCH, count + 1))]
        for rows in batch[::100]:
            _check(rows)
        with transaction.atomic():
            _insert(Customer, [b.customer for b in batch])
            _insert(Address, [b.address for b in batch])
            _insert(PhoneNumber, [p for b in batch for p in b.phones])
            _insert(EmailAddress, [e for b in batch for e in b.emails])
        done = start + len(batch) - 1
        if done % 100_000 == 0 or done == count:
            print(f"  {done:>9,} customers  {time.perf_counter() - started:6.1f} s", flush=True)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), TABLES):
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            # What autovacuum would do soon after a bulk load; measuring before it would be unfair.
            cursor.execute(f"VACUUM ANALYZE {', '.join(m._meta.db_table for m in TABLES)}")
        seconds = time.perf_counter() - started
        cursor.execute("INSERT INTO bench_seed VALUES (%s, %s, %s)", [count, GENERATOR_VERSION, seconds])
    connection.close()  # drops the seeding pragmas: the timings use the app's own connection settings
    print(f"  seeded {count:,} customers in {seconds:.0f} s")
    return {"reused": False, "seconds": round(seconds, 1)}
