"""How long every performance page takes on a generated borough's year (issue 6's target: p95 <= 300 ms for
every view, cold and warm, on SQLite and PostgreSQL, at full scale and at ten times it).

The borough is `generate_borough --year 2026 --seed 42` at the chosen scale, in a database of its own per scale
(generated once and reused; --reseed generates again). Pages are fetched through Django's test Client, so the
whole stack runs (middleware, session, the view, its queries and the template) but no HTTP server, signed in
as the head of customer services. Static files are collected first, as in production with DEBUG=0.

- Cold: each sample is the view's first request on a new database connection, so SQLite's page cache and
  PostgreSQL's backend start empty. The operating system's file cache and PostgreSQL's shared buffers are
  not emptied (that needs the machine's administrator), so "cold" here is a new connection, not a new machine.
- Warm: requests on one open connection after a few unmeasured ones, interleaved at random across views.

After the figures, the run prints how each view's p95 grows with scale, from the results of other scales
already in bench/results/.
"""

import datetime
import io
import json
import random
import tempfile
import time
from pathlib import Path

import borough_bench
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from measure import MachineLoad, percentiles_ms, server_version

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import Contact
from servicefirst.demo.borough.generate import borough_generate
from servicefirst.organisation.models import ClientService, Directorate, Site
from servicefirst.performance.models import ContactDayFact, ContactMonthFact

NAME = "performance_dashboard"
TARGET_P95_MS = 300
YEAR, SEED = 2026, 42
COLD_SAMPLES = 15
WARM_SAMPLES = 40
WARMUP = 3
RESULTS = Path(__file__).resolve().parent / "results"
DASHBOARD = "/staff/performance/"


def results_name(*, scale: float) -> str:
    return f"{NAME}_scale_{scale:g}"


def _period(date_from: datetime.date, date_to: datetime.date) -> str:
    return (
        f"date_from_day={date_from.day}&date_from_month={date_from.month}&date_from_year={date_from.year}"
        f"&date_to_day={date_to.day}&date_to_month={date_to.month}&date_to_year={date_to.year}"
    )


def _views() -> dict[str, str]:
    """view -> address: the first site and directorate, and Revenues, the client service with most contacts."""
    year = _period(datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))
    site = Site.objects.order_by("pk").first()
    directorate = Directorate.objects.order_by("pk").first()
    client_service = ClientService.objects.get(code="revenues")
    return {
        "dashboard: last 28 days (default)": DASHBOARD,
        "dashboard: whole year": f"{DASHBOARD}?{year}",
        "dashboard: whole year, one site": f"{DASHBOARD}?{year}&site={site.pk}",
        "dashboard: whole year, one directorate": f"{DASHBOARD}?{year}&directorate={directorate.pk}",
        "dashboard: whole year, one client service": f"{DASHBOARD}?{year}&client_service={client_service.pk}",
        "dashboard: 15 Mar to 14 Jun (ragged months)": (
            f"{DASHBOARD}?{_period(datetime.date(YEAR, 3, 15), datetime.date(YEAR, 6, 14))}"
        ),
        "dashboard: whole year as CSV (key figures)": f"{DASHBOARD}?{year}&format=csv&table=key-figures",
        "dashboard: whole year as XLSX (every table)": f"{DASHBOARD}?{year}&format=xlsx",
        "definitions": f"{DASHBOARD}definitions/",
        "statements: choose": f"{DASHBOARD}statements/",
        "statement: Revenues, March": f"{DASHBOARD}statements/{client_service.code}/{YEAR}-03/",
        "statement: Revenues, March as XLSX": f"{DASHBOARD}statements/{client_service.code}/{YEAR}-03/?format=xlsx",
    }


def _borough(scale: float, reseed: bool) -> dict:
    if reseed or not Contact.objects.exists():
        borough_bench._empty()
        started = time.perf_counter()
        totals = borough_generate(year=YEAR, scale=scale, seed=SEED, log=lambda line: print(line, flush=True))
        return {"generated_now": True, "generate_seconds": round(time.perf_counter() - started, 1), **totals.rows}
    return {
        "generated_now": False,
        "contacts": Contact.objects.count(),
        "contact_day_facts": ContactDayFact.objects.count(),
        "contact_month_facts": ContactMonthFact.objects.count(),
    }


def _head() -> object:
    users = get_user_model().objects
    head = users.filter(username="bench-head").first()
    return head or users.create_user(
        username="bench-head", first_name="Bench", last_name="Head", role=Role.HEAD_OF_SERVICE
    )


def _get(client: Client, address: str) -> float:
    started = time.perf_counter()
    response = client.get(address)
    taken = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{address} answered {response.status_code}")
    return taken


def _growth(database: str, scale: float, result: dict) -> None:
    by_scale = {scale: result}
    for path in RESULTS.glob(f"{NAME}_scale_*.json"):
        recorded = json.loads(path.read_text())
        other = recorded.get("databases", {}).get(database, {})
        if recorded.get("scale") != scale and "views" in other:
            by_scale[recorded["scale"]] = other
    if len(by_scale) < 2:
        print("\n(No other scale's results yet: run with --dashboard-scale 10 to see how time grows.)")
        return
    scales = sorted(by_scale)
    contacts = " / ".join(f"{by_scale[s]['borough'].get('contacts', 0):,}" for s in scales)
    print(
        f"\nHow p95 grows with scale on {database} (scales {', '.join(f'{s:g}' for s in scales)}; contacts {contacts})"
    )
    print(f"{'view':<46}" + "".join(f"{f'cold x{s:g}':>11}{f'warm x{s:g}':>11}" for s in scales))
    for view in result["views"]:
        cells = ""
        for s in scales:
            figures = by_scale[s]["views"].get(view, {})
            cells += f"{figures.get('cold', {}).get('p95_ms', float('nan')):>11.1f}"
            cells += f"{figures.get('warm', {}).get('p95_ms', float('nan')):>11.1f}"
        print(f"{view:<46}{cells}")


def run(*, database: str, scale: float, reseed: bool = False) -> dict:
    borough = _borough(scale, reseed)
    views = _views()
    client = Client()
    client.force_login(_head())
    with tempfile.TemporaryDirectory() as static_root, override_settings(STATIC_ROOT=static_root):
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
        cold: dict[str, list[float]] = {view: [] for view in views}
        warm: dict[str, list[float]] = {view: [] for view in views}
        with MachineLoad() as machine:
            for _ in range(COLD_SAMPLES):
                for view, address in views.items():
                    connection.close()
                    cold[view].append(_get(client, address))
            for address in views.values():
                for _ in range(WARMUP):
                    _get(client, address)
            measured = [view for view in views for _ in range(WARM_SAMPLES)]
            random.Random(SEED).shuffle(measured)
            for view in measured:
                warm[view].append(_get(client, views[view]))
    summaries = {}
    for view in views:
        cold_cuts, warm_cuts = percentiles_ms(cold[view]), percentiles_ms(warm[view])
        summaries[view] = {
            "address": views[view],
            "cold": cold_cuts,
            "warm": warm_cuts,
            "pass": max(cold_cuts["p95_ms"], warm_cuts["p95_ms"]) <= TARGET_P95_MS,
        }
    result = {
        "timestamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "server_version": server_version(),
        "scale": scale,
        "borough": borough,
        "cold_samples": COLD_SAMPLES,
        "warm_samples": WARM_SAMPLES,
        "machine": machine.record(),
        "views": summaries,
        "pass": all(s["pass"] for s in summaries.values()),
    }
    load = result["machine"]["load_average_1min"]
    print(f"\n{NAME} on {database} ({result['server_version']}), scale {scale:g}, target p95 <= {TARGET_P95_MS} ms")
    print(f"borough: {borough}")
    print(f"load average (1 min) {load['before']} before, {load['after']} after; CPUs busy {machine.cpu_busy:.0%}")
    print(f"{'view':<46}{'cold p50':>10}{'cold p95':>10}{'warm p50':>10}{'warm p95':>10}{'warm max':>10}")
    for view, s in summaries.items():
        flag = "" if s["pass"] else f"  SLOW: p95 over {TARGET_P95_MS} ms"
        print(
            f"{view:<46}{s['cold']['p50_ms']:>10.1f}{s['cold']['p95_ms']:>10.1f}{s['warm']['p50_ms']:>10.1f}"
            f"{s['warm']['p95_ms']:>10.1f}{s['warm']['max_ms']:>10.1f}{flag}"
        )
    _growth(database, scale, result)
    return result
