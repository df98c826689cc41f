"""The borough's customers: realistic names and London addresses, drawn fast from pools Faker fills once.

Faker per row is far too slow for 250,000 customers, so it fills pools (names from the locales of an
inner-London borough's residents, streets, companies) with a fixed seed, and the generator's own
`random.Random` combines them. The search keys (metaphone, soundex, sort name) come from the customer
services' own `customer_search_keys_set`, and every 500th row's contact details go through the services'
`customer_data_clean`, which must leave them as they are, so the rows hold what `customer_create` would store.
"""

import datetime
import random
from types import SimpleNamespace

from faker import Faker

from servicefirst.customers.models import AccessibilityNeed, Channel
from servicefirst.customers.names import fold
from servicefirst.customers.services import (
    CustomerData,
    address_search_keys,
    customer_data_clean,
    customer_search_keys_set,
)
from servicefirst.demo.names import FEMALE, MALE, street_names, title_draw

POOL_SEED = 2026
NAME_LOCALES = {"en_GB": 0.70, "en_IE": 0.05, "tr_TR": 0.06, "pl_PL": 0.04, "yo_NG": 0.06, "en_IN": 0.05}
NAME_LOCALES |= {"pt_PT": 0.02, "es_ES": 0.02}
# Hackney-like outward codes; most customers live in the borough, some elsewhere in London.
BOROUGH_OUTWARD = ["E8", "E5", "E9", "N16", "N1", "N4", "E2", "E1"]
ELSEWHERE_OUTWARD = ["E3", "E10", "E17", "N7", "N15", "N17", "SE1", "SW9", "NW1", "IG1"]
BOROUGH_SHARE = 0.88
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
LANGUAGES = ["English"] * 40 + ["Turkish", "Polish", "Bengali", "Somali", "Yiddish", "Portuguese", "Spanish", "Urdu"]
MOBILE_PREFIXES = ["+4471", "+4473", "+4474", "+4475", "+4478"]
ORGANISATION_SHARE = 0.04


class Pools:
    def __init__(self) -> None:
        self.names = []
        for locale in NAME_LOCALES:
            fake = Faker(locale)
            fake.seed_instance(POOL_SEED)
            males = [n for n in (fake.first_name_male() for _ in range(750)) if fold(n)]
            females = [n for n in (fake.first_name_female() for _ in range(750)) if fold(n)]
            lasts = [n for n in (fake.last_name() for _ in range(1500)) if fold(n)]
            self.names.append(({MALE: males, FEMALE: females}, lasts))
        self.name_weights = list(NAME_LOCALES.values())
        fake = Faker("en_GB")
        fake.seed_instance(POOL_SEED)
        self.companies = sorted({fake.company() for _ in range(5000)})
        # Faker's en_GB streets include American ones ("Kelly Prairie"); the demo's list is a London borough's.
        self.streets = list(street_names())


def customer_rows(*, pk: int, rng: random.Random, pools: Pools, created_at: datetime.datetime) -> tuple:
    """(customer, address, phones, emails, typed): dicts of Python values for one customer, and what an
    officer would have typed for them."""
    is_org = rng.random() < ORGANISATION_SHARE
    firsts, lasts = rng.choices(pools.names, weights=pools.name_weights)[0]
    sex = rng.choice((MALE, FEMALE))
    person = SimpleNamespace(
        kind="organisation" if is_org else "person",
        first_name="" if is_org else rng.choice(firsts[sex]),
        last_name="" if is_org else rng.choice(lasts),
        organisation_name=rng.choice(pools.companies) if is_org else "",
    )
    customer_search_keys_set(person)
    outward = rng.choice(BOROUGH_OUTWARD if rng.random() < BOROUGH_SHARE else ELSEWHERE_OUTWARD)
    postcode = f"{outward} {rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
    line_1 = f"{rng.randint(1, 250)} {rng.choice(pools.streets)}"
    if rng.random() < 0.35:
        line_1 = f"Flat {rng.randint(1, 40)}, {line_1}"
    mobile = f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 99_999_999):08d}" if rng.random() < 0.85 else ""
    email = ""
    if rng.random() < 0.6:
        local = fold(person.organisation_name) if is_org else f"{fold(person.first_name)}.{fold(person.last_name)}"
        email = f"{local.replace(' ', '').replace(chr(39), '')}{rng.randint(1, 99)}@example.com"
    channels = [Channel.PHONE, Channel.FACE_TO_FACE, Channel.LETTER]
    channels += [Channel.EMAIL] * bool(email) + [Channel.TEXT] * bool(mobile)
    channel = rng.choice(channels)
    consent = rng.random() < 0.4
    birth = None
    if not is_org:
        birth = datetime.date(created_at.year - 18, 1, 1) - datetime.timedelta(days=rng.randint(0, 75 * 365))
    customer = {
        "id": pk,
        **vars(person),
        "title": "" if is_org else title_draw(rng, sex),
        "date_of_birth": birth,
        "preferred_channel": channel,
        "preferred_language": rng.choice(LANGUAGES),
        "accessibility_needs": [rng.choice(AccessibilityNeed.values)] if rng.random() < 0.08 else [],
        "accessibility_notes": "",
        "contact_consent": consent,
        "contact_consent_at": created_at if consent else None,
        "version": 1,
        "created_at": created_at,
        "updated_at": created_at,
        "created_by_id": None,
    }
    address = {"customer_id": pk, "kind": "home", "line_1": line_1, "line_2": "", "town": "London"}
    address |= {"postcode": postcode, "uprn": "", "is_primary": True, **address_search_keys(line_1=line_1)}
    phones = [{"customer_id": pk, "kind": "mobile", "number": mobile}] if mobile else []
    emails = [{"customer_id": pk, "email": email}] if email else []
    typed = CustomerData(
        kind=person.kind,
        first_name=person.first_name,
        last_name=person.last_name,
        organisation_name=person.organisation_name,
        address_line_1=line_1,
        town="London",
        postcode=postcode.lower().replace(" ", ""),
        mobile_phone=mobile,
        email=email.upper(),
        preferred_channel=channel,
    )
    return customer, address, phones, emails, typed


def check_against_services(customer: dict, address: dict, phones: list, emails: list, typed: CustomerData) -> None:
    """The services' cleaning must leave the generated values as they are, or the rows are not the app's."""
    cleaned = customer_data_clean(typed)
    problems = []
    if cleaned.postcode != address["postcode"]:
        problems.append(f"postcode {cleaned.postcode}")
    if cleaned.mobile_phone != (phones[0]["number"] if phones else ""):
        problems.append(f"mobile {cleaned.mobile_phone}")
    if cleaned.email != (emails[0]["email"] if emails else ""):
        problems.append(f"email {cleaned.email}")
    keys = SimpleNamespace(**{k: getattr(cleaned, k) for k in ("kind", "first_name", "last_name", "organisation_name")})
    customer_search_keys_set(keys)
    problems += [k for k, v in vars(keys).items() if customer[k] != v]
    if problems:
        raise RuntimeError(f"customer {customer['id']} differs from what the services store: {problems}")
