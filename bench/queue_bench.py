"""How long the back-office queue page takes with 100,000 open service requests.

The page (`servicerequests.views.queue`) is fetched through Django's test Client, so the whole
Django stack runs (middleware, session, the view, its queries and the template) but no HTTP server,
signed in as a team manager (every client service's queue) and as a client service officer (their
own service's queue only), in its one order (soonest due, then most urgent) with its filters and
pages. Static files are collected into a temporary directory first, because with DEBUG=0 the
templates look every file up in the collected manifest, as in production.
"""

import datetime
import math
import random
import re
import tempfile
import time

import borough_data
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from measure import MachineLoad, percentiles_ms, server_version
from request_data import requests_seed

from servicefirst.organisation.selectors import client_services_by_code
from servicefirst.servicerequests.selectors import service_request_queue
from servicefirst.servicerequests.views import QUEUE_PAGE_SIZE

NAME = "servicerequest_queue"
TARGET_P95_MS = 200
CUSTOMERS = 20_000
WARMUP_PER_VARIANT = 5
SEED = 2026
QUEUE_URL = "/staff/requests/queue/"
COLUMNS = ("p50 ms", "p95 ms", "p99 ms", "max ms")


def _last_page(viewer) -> int:
    return max(1, math.ceil(service_request_queue(viewer=viewer).count() / QUEUE_PAGE_SIZE))


def _variants() -> dict[str, tuple[object, str]]:
    """variant -> (who looks, query string)."""
    users = get_user_model().objects
    manager = users.get(username="tm.patel")
    officer = users.get(username="waste.1")
    waste = client_services_by_code(codes={"waste"})["waste"]
    return {
        "manager: default": (manager, ""),
        "manager: one client service": (manager, f"client_service={waste.pk}"),
        "manager: status new": (manager, "status=new"),
        "manager: one officer": (manager, f"officer={officer.pk}"),
        "manager: overdue": (manager, "overdue=on"),
        "manager: any status": (manager, "status=all"),
        "manager: page 2": (manager, "page=2"),
        "manager: last page": (manager, f"page={_last_page(manager)}"),
        "officer: default": (officer, ""),
        "officer: overdue": (officer, "overdue=on"),
        "officer: own requests": (officer, f"officer={officer.pk}"),
        "officer: last page": (officer, f"page={_last_page(officer)}"),
    }


def _inspect(client: Client, query: str) -> dict:
    """One render with its queries captured (not timed): what the page showed and what it asked."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{QUEUE_URL}?{query}")
    if response.status_code != 200:
        raise RuntimeError(f"{QUEUE_URL}?{query} answered {response.status_code}")
    html = response.content.decode()
    matching = re.search(r"(\d+) requests?, soonest due first", html)
    return {
        "query_string": query,
        "matching": int(matching.group(1)) if matching else 0,
        "rows_shown": html.count('name="bulk-requests"'),
        "queries": len(captured),
        "html_kb": round(len(response.content) / 1024, 1),
    }


def check(result: dict) -> list[str]:
    """What cannot be right: the manager's queue must hold every open request seeded, and each page the rows
    its place in the queue leaves for it."""
    problems = []
    for name in ("manager: default", "manager: any status"):
        if result["variants"][name]["matching"] != result["open_requests"]:
            problems.append(f"{name} matched {result['variants'][name]['matching']} of {result['open_requests']}")
    for name, variant in result["variants"].items():
        page = (
            int(re.search(r"page=(\d+)", variant["query_string"]).group(1)) if "page=" in variant["query_string"] else 1
        )
        expected = max(0, min(QUEUE_PAGE_SIZE, variant["matching"] - QUEUE_PAGE_SIZE * (page - 1)))
        if variant["rows_shown"] != expected or not variant["matching"]:
            problems.append(f"{name} showed {variant['rows_shown']} rows of {variant['matching']}, {expected} expected")
    return problems


def print_table(database: str, result: dict) -> None:
    m = result["machine"]
    print(f"\n{NAME} on {database} ({result['server_version']}), target p95 <= {TARGET_P95_MS} ms")
    print(f"{result['open_requests']:,} open requests; {result['renders_per_variant']} renders per variant")
    load = m["load_average_1min"]
    print(f"load average (1 min) {load['before']} before, {load['after']} after; CPUs busy {m['cpu_busy_share']:.0%}")
    print(f"{'variant':<30}{'matching':>9}{'rows':>6}{'queries':>8}" + "".join(f"{c:>9}" for c in COLUMNS))
    for variant, s in result["variants"].items():
        flag = "" if s["pass"] else f"  SLOW: p95 over {TARGET_P95_MS} ms"
        print(
            f"{variant:<30}{s['matching']:>9}{s['rows_shown']:>6}{s['queries']:>8}{s['p50_ms']:>9.1f}"
            f"{s['p95_ms']:>9.1f}{s['p99_ms']:>9.1f}{s['max_ms']:>9.1f}{flag}"
        )


def run(*, database: str, requests: int, renders: int, reseed: bool = False) -> dict:
    seeding = borough_data.borough_seed(
        customers=CUSTOMERS,
        parameters={"benchmark": NAME, "requests": requests},
        reseed=reseed,
        extend=lambda: requests_seed(count=requests, customers=CUSTOMERS),
    )
    variants = _variants()
    clients = {}
    for user, _ in variants.values():
        if user.pk not in clients:
            clients[user.pk] = Client()
            clients[user.pk].force_login(user)
    with tempfile.TemporaryDirectory() as static_root, override_settings(STATIC_ROOT=static_root):
        call_command("collectstatic", interactive=False, verbosity=0)
        inspected = {name: _inspect(clients[user.pk], query) for name, (user, query) in variants.items()}
        order = [name for name in variants for _ in range(WARMUP_PER_VARIANT)]
        measured = [name for name in variants for _ in range(renders)]
        random.Random(SEED).shuffle(measured)  # interleaved, so no variant gets a warmer cache than another
        times: dict[str, list[float]] = {name: [] for name in variants}
        for name in order:
            user, query = variants[name]
            clients[user.pk].get(f"{QUEUE_URL}?{query}")
        with MachineLoad() as machine:
            for name in measured:
                user, query = variants[name]
                started = time.perf_counter()
                response = clients[user.pk].get(f"{QUEUE_URL}?{query}")
                times[name].append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"{QUEUE_URL}?{query} answered {response.status_code}")
    summaries = {}
    for name, taken in times.items():
        cuts = percentiles_ms(taken)
        summaries[name] = {**inspected[name], **cuts, "pass": cuts["p95_ms"] <= TARGET_P95_MS}
    result = {
        "timestamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "server_version": server_version(),
        "open_requests": requests,
        "customers": CUSTOMERS,
        "renders_per_variant": renders,
        "machine": machine.record(),
        "seeding": seeding,
        "variants": summaries,
    }
    print_table(database, result)
    return result
