"""How long `generate_borough` takes to write a whole borough's year (the issue's target: 10 minutes).

Each run starts from an empty database (PostgreSQL: the schema dropped and migrated again; SQLite: a
new file), so the figure includes everything the command does: structure through the import commands,
customers, a year of contacts, requests, referrals, satisfaction answers and complaints. The timing is
the command's own wall-clock time; the migration before it is not counted. The machine is shared, so
the load before and after and the share of CPU busy are recorded beside it.
"""

import datetime
import io
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from measure import MachineLoad, server_version

from servicefirst.demo.borough import volumes
from servicefirst.demo.borough.generate import borough_generate

NAME = "generate_borough"
TARGET_SECONDS = 600
# A whole year that is over on any day the benchmark runs (the generator writes nothing after now), so every
# run generates the same borough.
YEAR, SEED = 2025, 42


def _empty() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    else:
        path = Path(connection.settings_dict["NAME"])
        connection.close()
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
    call_command("migrate", verbosity=0, interactive=False, stdout=io.StringIO())


def check(result: dict) -> list[str]:
    """The year's contacts are exactly the plan's, and every table the generator writes has rows."""
    planned = sum(sum(days) for days in volumes.plan(YEAR, result["scale"], SEED).values())
    problems = (
        [] if result["rows"]["contacts"] == planned else [f"{result['rows']['contacts']} contacts, {planned} planned"]
    )
    return problems + [f"no {table} written" for table, count in result["rows"].items() if not count]


def run(*, database: str, scale: float, reseed: bool = False) -> dict:
    # Every run generates afresh: the generation is what is measured, so `reseed` changes nothing.
    _empty()
    with MachineLoad() as machine:
        started = time.perf_counter()
        totals = borough_generate(year=YEAR, scale=scale, seed=SEED, log=lambda line: print(line, flush=True))
        seconds = time.perf_counter() - started
    result = {
        "timestamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "server_version": server_version(),
        "scale": scale,
        "year": YEAR,
        "seconds": round(seconds, 1),
        "pass": seconds <= TARGET_SECONDS,
        "phases_seconds": totals.seconds,
        "rows": totals.rows,
        "contacts_by_channel": totals.contacts_by_channel,
        "machine": machine.record(),
    }
    load = result["machine"]["load_average_1min"]
    print(f"\n{NAME} on {database} ({result['server_version']}), scale {scale}, target <= {TARGET_SECONDS} s")
    print(f"load average (1 min) {load['before']} before, {load['after']} after; CPUs busy {machine.cpu_busy:.0%}")
    for table, count in totals.rows.items():
        print(f"  {table:<24}{count:>12,}")
    print(f"  {'rows in all':<24}{sum(totals.rows.values()):>12,}")
    print(f"elapsed {seconds:.1f} s{'' if result['pass'] else '  SLOW: over the target'}")
    return result
