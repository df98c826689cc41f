"""How long a customer search takes per kind of query, on a seeded database of customers: the search as the staff
pages and the API make it (`customer_search_open`), including the one audit event it writes.

Each query is built from a real customer (typed the way officers type it) so the hit rate shows
whether that customer is in the results; typos are random, not tuned to match.
"""

import datetime
import hashlib
import os
import random
import statistics
import string
import time

import customer_data
import phonenumbers
from django.contrib.auth import get_user_model
from django.db import connection

from servicefirst.accounts.roles import Role
from servicefirst.customers import names, search
from servicefirst.customers.models import Customer
from servicefirst.customers.services import customer_search_open

NAME = "customer_search"
TARGET_P95_MS = 50
WARMUP_PER_KIND = 20
FORMAT = phonenumbers.PhoneNumberFormat


def _mixed_case(text: str, rng: random.Random) -> str:
    return rng.choice([text.upper(), text.lower(), "".join(rng.choice((c.upper(), c.lower())) for c in text)])


def _mistype(word: str, rng: random.Random) -> str:
    """One slip anywhere in the word: two letters swapped, one dropped or one replaced."""
    while True:
        i = rng.randrange(len(word))
        slip = rng.choice(("swap", "drop", "replace"))
        if slip == "swap" and len(word) > 1:
            i = min(i, len(word) - 2)
            typed = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif slip == "drop" and len(word) > 2:
            typed = word[:i] + word[i + 1 :]
        else:
            typed = word[:i] + rng.choice(string.ascii_lowercase) + word[i + 1 :]
        if typed.lower() != word.lower():
            return typed


def _postcode(postcode: str, rng: random.Random) -> str:
    outward, inward = postcode.split(" ")
    spaced = rng.choice([postcode, outward + inward, f" {outward}  {inward} ", f"{outward} {inward} "])
    return _mixed_case(spaced, rng)


def _phone(e164: str, rng: random.Random) -> str:
    number = phonenumbers.parse(e164)
    national = phonenumbers.format_number(number, FORMAT.NATIONAL)
    international = phonenumbers.format_number(number, FORMAT.INTERNATIONAL)
    area, _, rest = national.partition(" ")
    return rng.choice(
        [
            national,
            national.replace(" ", ""),
            national.replace(" ", "-"),
            f"({area}) {rest.replace(' ', '')}",
            international,
            "0044 " + international.removeprefix("+44 "),
            e164,
        ]
    )


def _name_typo(c: Customer, rng: random.Random) -> str | None:
    if not c.first_name:
        return None
    if rng.random() < 0.5:
        return f"{_mistype(c.first_name, rng)} {c.last_name}"
    return f"{c.first_name} {_mistype(c.last_name, rng)}"


def _primary(c: Customer):
    return next(a for a in c.addresses.all() if a.is_primary)


def _primary_postcode(c: Customer) -> str:
    return _primary(c).postcode


def _name_with(c: Customer, rng: random.Random, narrowing: str) -> str | None:
    return f"{c.first_name} {c.last_name} {narrowing}" if c.first_name and narrowing else None


# kind -> how an officer would type a query for this customer (None: the customer has nothing to type).
KINDS = {
    "name_exact": lambda c, rng: c.organisation_name or f"{c.first_name} {c.last_name}",
    "name_typo": _name_typo,
    "surname_only": lambda c, rng: c.last_name or None,
    "postcode": lambda c, rng: _postcode(_primary_postcode(c), rng),
    "outward_code": lambda c, rng: _mixed_case(_primary_postcode(c).split(" ")[0], rng),
    "name_district": lambda c, rng: _name_with(c, rng, _primary_postcode(c).split(" ")[0].lower()),
    "name_birth": lambda c, rng: _name_with(c, rng, f"{c.date_of_birth:%d/%m/%Y}" if c.date_of_birth else ""),
    "address": lambda c, rng: _mixed_case(_primary(c).line_1, rng),
    "phone": lambda c, rng: _phone(rng.choice(c.phone_numbers.all()).number, rng) if c.phone_numbers.all() else None,
    "email": lambda c, rng: _mixed_case(c.email_addresses.all()[0].email, rng) if c.email_addresses.all() else None,
    "reference": lambda c, rng: rng.choice([c.reference, f"c{c.pk}", f"C{c.pk}", f"c-{c.pk}"]),
}


def _queries(customers: int, per_kind: int, rng: random.Random) -> dict[str, list[tuple[str, str, Customer]]]:
    ids = rng.sample(range(1, customers + 1), min(customers, 3 * per_kind))
    found = Customer.objects.filter(pk__in=ids).prefetch_related("addresses", "phone_numbers", "email_addresses")
    by_id = {c.pk: c for c in found}
    pool = [by_id[pk] for pk in ids]
    queries = {}
    for kind, make in KINDS.items():
        made = [(kind, q, c) for c in rng.sample(pool, len(pool)) if (q := make(c, rng)) is not None]
        if len(made) < per_kind:
            raise RuntimeError(f"only {len(made)} customers can make a {kind} query; seed more customers")
        queries[kind] = made[:per_kind]
    return queries


def _hit(results, target: Customer) -> bool:
    return any(c.pk == target.pk for c in results.customers)


def _summary(times: list[float], hits: int, sizes: list[int], examples: list[str]) -> dict:
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {
        "queries": len(times),
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "p99_ms": round(cuts[98], 2),
        "max_ms": round(max(times), 2),
        "hit_rate": round(hits / len(times), 3),
        "mean_results": round(statistics.fmean(sizes), 1),
        "pass": cuts[94] <= TARGET_P95_MS,
        "examples": examples[:4],
    }


def _server_version() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def _code_hash() -> str:
    """Ties the figures to the search code they measured, which changes between commits."""
    digest = hashlib.sha256()
    for module in (search, names):
        with open(module.__file__, "rb") as source:
            digest.update(source.read())
    return digest.hexdigest()[:16]


def print_table(database: str, result: dict) -> None:
    load = result["load_average_1min"]
    print(f"\n{NAME} on {database} ({result['server_version']}), target p95 <= {TARGET_P95_MS} ms")
    print(f"load average (1 min) {load['before']} before timing, {load['after']} after, on {os.cpu_count()} CPUs")
    print(f"{'kind':<14}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'hit rate':>10}{'results':>9}")
    for kind, s in result["kinds"].items():
        flag = "" if s["pass"] else f"  SLOW: p95 over {TARGET_P95_MS} ms"
        print(
            f"{kind:<14}{s['p50_ms']:>9.1f}{s['p95_ms']:>9.1f}{s['p99_ms']:>9.1f}{s['max_ms']:>9.1f}"
            f"{s['hit_rate']:>10.1%}{s['mean_results']:>9.1f}{flag}"
        )


# An identifier names one customer, so its search must always find them.
EXACT_KINDS = ("phone", "email", "reference")


def check(result: dict) -> list[str]:
    problems = [
        f"{kind} found its customer in {result['kinds'][kind]['hit_rate']:.1%} of searches"
        for kind in EXACT_KINDS
        if result["kinds"][kind]["hit_rate"] != 1.0
    ]
    problems += [f"{kind} found nobody" for kind, s in result["kinds"].items() if not s["mean_results"]]
    return problems


def _officer():
    """The officer the searches are audited as."""
    officer, _ = get_user_model().objects.get_or_create(username="bench-officer", defaults={"role": Role.OFFICER})
    return officer


def run(*, database: str, customers: int, queries: int, reseed: bool = False) -> dict:
    seeding = customer_data.seed(customers, reseed=reseed)
    rng = random.Random(customer_data.SEED)
    by_kind = _queries(customers, WARMUP_PER_KIND + queries, rng)
    warmup = [q for made in by_kind.values() for q in made[:WARMUP_PER_KIND]]
    measured = [q for made in by_kind.values() for q in made[WARMUP_PER_KIND:]]
    rng.shuffle(measured)  # interleaved kinds, so no kind gets a warmer or colder cache than another
    officer = _officer()
    for _, query, _ in warmup:
        customer_search_open(viewer=officer, query=query)
    load_before = os.getloadavg()
    runs: dict[str, list] = {kind: [] for kind in KINDS}
    for kind, query, target in measured:
        started = time.perf_counter()
        results = customer_search_open(viewer=officer, query=query)
        runs[kind].append(
            ((time.perf_counter() - started) * 1000, _hit(results, target), len(results.customers), query)
        )
    kinds = {}
    for kind, rows in runs.items():
        times, hits, sizes, examples = zip(*rows, strict=True)
        kinds[kind] = _summary(list(times), sum(hits), list(sizes), list(examples))
    result = {
        "timestamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        # Other work on the machine slows every kind; the load average shows whether there was any.
        "load_average_1min": {"before": round(load_before[0], 2), "after": round(os.getloadavg()[0], 2)},
        "server_version": _server_version(),
        "code_sha256": _code_hash(),
        "seeding": seeding,
        "kinds": kinds,
    }
    print_table(database, result)
    return result
