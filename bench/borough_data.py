"""A whole council's database for the benchmarks that need more than customers.

Customers come from `customer_data` (fast, checked against the customer services). The demo
borough's organisation (6 directorates, 15 client services, 7 sites), the full LGSL, its 41 council
services and its published phone numbers and email addresses are loaded from the demo's CSV files
through the same import commands a council uses; the front-office staff through `staff_user_create`;
the default wrap-up, avoidable-contact and referral codes come from the contacts app's own
migration. A benchmark then adds what it needs (`extend`). A table `bench_borough` records what was
seeded, so a later run with the same parameters reuses it.
"""

import io
import json
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import customer_data
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.accounts.services import staff_user_create
from servicefirst.demo.closures import demo_site_closures_load

# Bump when what a benchmark seeds changes, so an existing database is seeded again.
VERSION = 1
DEMO_DATA = Path(settings.BASE_DIR) / "servicefirst" / "demo" / "data"
LGSL = Path(settings.BASE_DIR) / "servicefirst" / "catalogue" / "data" / "lgsl.csv"
STAFF_PASSWORD = "bench-staff-password-2026"
# The contact centre's own staff; client service officers are added by the benchmarks that need them.
STAFF = [
    ("officer", Role.OFFICER, "Aisha", "Rahman"),
    ("officer2", Role.OFFICER, "Tom", "Kowalski"),
    ("officer3", Role.OFFICER, "Femi", "Adebayo"),
    ("tm.patel", Role.TEAM_MANAGER, "Priya", "Patel"),
    ("tm.obrien", Role.TEAM_MANAGER, "Declan", "O'Brien"),
    ("head", Role.HEAD_OF_SERVICE, "Helen", "Wright"),
]


def _marker(cursor) -> tuple[str, float] | None:
    cursor.execute("CREATE TABLE IF NOT EXISTS bench_borough (parameters text, seconds real)")
    cursor.execute("SELECT parameters, seconds FROM bench_borough")
    return cursor.fetchone()


def _wipe() -> None:
    """Drops everything, so no row of an earlier seeding survives (seed_demo's staff, audit events)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    # SQLite: customer_data.seed(reseed=True) starts a new file.


def _organisation_load() -> None:
    # Staff first: the client services name their team managers.
    # Nobody signs in with these passwords, so they are hashed the quick way the test suite uses.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        for username, role, first_name, last_name in STAFF:
            staff_user_create(
                username=username, role=role, password=STAFF_PASSWORD, first_name=first_name, last_name=last_name
            )
    output = io.StringIO()
    for kind in ("directorates", "client-services", "sites"):
        call_command("import_organisation", kind, DEMO_DATA / f"{kind.replace('-', '_')}.csv", stdout=output)
    demo_site_closures_load(years=(timezone.localdate().year,), stdout=output)
    call_command("import_lgsl", LGSL, stdout=output)
    for kind in ("council-services", "contact-points"):
        call_command("import_catalogue", kind, DEMO_DATA / f"{kind.replace('-', '_')}.csv", stdout=output)


def borough_seed(*, customers: int, parameters: dict, reseed: bool, extend: Callable[[], None]) -> dict:
    """Migrates, then seeds the borough with `customers` customers and calls `extend`, unless the
    database already holds exactly this (same parameters and VERSION)."""
    call_command("migrate", verbosity=0, interactive=False)
    wanted = json.dumps({"version": VERSION, "customers": customers, **parameters}, sort_keys=True)
    with connection.cursor() as cursor:
        found = _marker(cursor)
    if found and found[0] == wanted and not reseed:
        print(f"  already seeded ({wanted}, seeding took {found[1]:.0f} s); reusing it")
        return {"reused": True, "seconds": round(found[1], 1)}
    started = time.perf_counter()
    _wipe()
    customer_data.seed(customers, reseed=True)
    _organisation_load()
    print(f"  organisation, catalogue and staff loaded: {time.perf_counter() - started:.0f} s so far")
    extend()
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        _marker(cursor)
        cursor.execute("DELETE FROM bench_borough")
        cursor.execute("INSERT INTO bench_borough VALUES (%s, %s)", [wanted, seconds])
    print(f"  seeded in {seconds:.0f} s")
    return {"reused": False, "seconds": round(seconds, 1)}


@cache
def _fields(model) -> dict:
    return {f.attname: f for f in model._meta.concrete_fields}


def prep(model, attname: str, value):
    """The value as the database stores it, so bulk-inserted rows equal what the ORM would write."""
    return _fields(model)[attname].get_db_prep_save(value, connection)


def rows_insert(model, rows: list[dict]) -> None:
    """Inserts rows that carry every column, their ids included, with COPY on PostgreSQL."""
    if not rows:
        return
    columns = [f.attname for f in model._meta.concrete_fields if not f.generated]
    if set(rows[0]) != set(columns):
        raise RuntimeError(f"{model.__name__} has columns {columns}, the rows {sorted(rows[0])}: update the bench")
    values = [tuple(row[c] for c in columns) for row in rows]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})", values)


def sequences_reset(*models) -> None:
    """After rows with explicit ids, the next row the app makes must not take one of theirs."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def analyse(*models) -> None:
    """What autovacuum would do soon after a bulk load; measuring before it would be unfair.
    SQLite is left as the app leaves it, which never runs ANALYZE."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {', '.join(m._meta.db_table for m in models)}")
