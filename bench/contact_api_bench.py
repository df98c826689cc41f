"""How many contacts a second `POST /api/contacts` logs, and how long each takes, served by gunicorn.

The server runs as in production (gunicorn, DEBUG=0) against the benchmark's database; `wrk` drives
it over loopback with a fixed number of connections, each sending its next contact only when the
last is answered, for a fixed time. Only 201 Created counts: every other answer is an error, and the
contacts table must grow by the number of 201s, plus at most one contact per connection whose answer
was still on its way when wrk stopped.
"""

import datetime
import json
import math
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import borough_data
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from measure import MachineLoad, children, process_cpu_seconds, server_version

from servicefirst.accounts.services import api_token_create, api_token_revoke
from servicefirst.catalogue.selectors import contact_points_active, council_service_list
from servicefirst.contacts.models import AgreedAction, Contact, Referral, ReferralRule
from servicefirst.contacts.selectors import (
    avoidable_reasons_active,
    referral_reasons_active,
    wrap_up_codes_active,
)
from servicefirst.organisation.selectors import client_services_by_code, site_list

NAME = "contact_api"
TARGET_REQUESTS_PER_S = 300
TARGET_P99_MS = 100
SEED = 2026
# Enough different contacts that the run never posts one twice, so repeats are only the data's own.
BODIES_PER_SECOND = 500
# A contact whose answer wrk stopped waiting for at the end of a run may still be committed; this long
# after, none is in flight.
SETTLE_SECONDS = 3
# Two cores: one worker process per core, since a worker runs Python on one core at a time (the GIL).
# Four threads in each keep that core busy while other requests wait for the database (a commit
# waits for the disk); more threads only queue for the same core. bench/README.md has the comparison.
WORKERS = 2
THREADS = 4
WRK_THREADS = 1  # one event loop drives a few hundred requests a second and leaves the cores to the server

# Posts the prepared contacts in turn, each thread from its own place, and counts the answers by status.
WRK_SCRIPT = r"""
local bodies, position, threads = {}, 0, {}
statuses = {}  -- a global, so done() can read each thread's through thread:get

function setup(thread)
  thread:set("start", #threads * 997)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  position = (start or 0) + tonumber(args[3])
  wrk.headers["Authorization"] = "Bearer " .. args[2]
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  position = position % #bodies + 1
  return wrk.format("POST", "/api/contacts", nil, bodies[position])
end

function response(status, headers, body)
  statuses[tostring(status)] = (statuses[tostring(status)] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do counts[status] = (counts[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(counts) do parts[#parts + 1] = string.format('"%s": %d', status, n) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}, "latency_us": {"mean": %.1f, "p50": %d, "p90": %d, "p95": %d, "p99": %d, ' ..
    '"p999": %d, "max": %d}, "statuses": {%s}}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, latency.mean,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency:percentile(99.9), latency.max, table.concat(parts, ", ")))
end
"""


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds")


class Catalogue:
    """The ids an officer's screen offers, read once."""

    def __init__(self) -> None:
        services = list(council_service_list())
        # Most calls are about services the front office already handles.
        self.services = [s.pk for s in services]
        self.service_weights = [4 if s.in_front_office else 1 for s in services]
        self.sites = [s.pk for s in site_list()]
        self.points: dict[tuple[int, str], list[int]] = {}
        for point in contact_points_active().prefetch_related("services"):
            for service in point.services.all():
                self.points.setdefault((service.pk, point.kind), []).append(point.pk)
        self.wrap_up = {c.code: c.pk for c in wrap_up_codes_active()}
        self.avoidable = [r.pk for r in avoidable_reasons_active()]
        self.referral = [r.pk for r in referral_reasons_active()]


CHANNELS = {
    "phone": 70,
    "email": 10,
    "face_to_face": 8,
    "web_form": 5,
    "webchat": 4,
    "letter": 1,
    "bsl_video_relay": 1,
    "text_relay": 1,
}
OUTCOMES = {"resolved_first_contact": 60, "service_request_raised": 12, "referred": 12, "signposted": 10, "failed": 6}
WRAP_UP = {"failed": "call-dropped", "referred": "transferred"}
EVERYDAY_WRAP_UP = ["information-given", "payment-taken", "form-completed", "booking-made"]
REASONS = [
    "Bin not collected on the usual day",
    "Asking when the council tax instalments are due",
    "Reporting a street light that stays on all day",
    "Wants to renew a residents' parking permit",
    "Chasing a repair reported last week",
    "Asking how to join the library",
    "Noise from a neighbour's party most weekends",
    "Fly-tipped mattress at the end of the road",
]


def _body(rng: random.Random, catalogue: Catalogue, customers: int, now: datetime.datetime) -> dict:
    channel = rng.choices(list(CHANNELS), weights=list(CHANNELS.values()))[0]
    outcome = rng.choices(list(OUTCOMES), weights=list(OUTCOMES.values()))[0]
    service = rng.choices(catalogue.services, weights=catalogue.service_weights)[0]
    if outcome == "failed" and rng.random() < 0.5:
        service = None  # the caller rang off before saying what it was about
    duration = min(rng.lognormvariate(math.log(240), 0.6), 3600)
    ended = now - datetime.timedelta(seconds=rng.uniform(0, 120))
    body = {
        "channel": channel,
        "direction": "outbound" if rng.random() < 0.05 else "inbound",
        "customer_id": rng.randint(1, customers) if rng.random() < 0.85 else None,
        "council_service_id": service,
        "reason": "" if service is None else rng.choice(REASONS),
        "started_at": _iso(ended - datetime.timedelta(seconds=duration)),
        "ended_at": _iso(ended),
        "outcome": outcome,
    }
    code = WRAP_UP.get(outcome) or rng.choice(EVERYDAY_WRAP_UP)
    if rng.random() < 0.9:
        body["wrap_up_code_id"] = catalogue.wrap_up[code]
    if channel == "face_to_face":
        body["site_id"] = rng.choice(catalogue.sites)
    elif channel in ("phone", "email") and (points := catalogue.points.get((service, channel))):
        body["contact_point_id"] = rng.choice(points)
    if rng.random() < 0.15:
        body |= {"is_avoidable": True, "avoidable_reason_id": rng.choice(catalogue.avoidable)}
    if outcome == "referred":
        body |= {"referral_reason_id": rng.choice(catalogue.referral), "referral_detail": "Asked for a call back"}
    if body["customer_id"] is not None and service is not None and rng.random() < 0.05:
        body |= {
            "action_what": "Call the customer back with the outcome",
            "action_owner": rng.choice(["officer", "client_service"]),
            "action_due_on": (now + datetime.timedelta(days=rng.randint(1, 10))).date().isoformat(),
        }
    return body


def _referral_rule_add() -> None:
    """The administrator's setting the demo borough has too: calls put through to benefits wait for a
    team manager's authorisation."""
    benefits = client_services_by_code(codes={"benefits"})["benefits"]
    ReferralRule.objects.create(client_service=benefits, needs_authorisation=True)


def _contacts_clear() -> None:
    """Every run starts from the seeded borough, without the contacts earlier runs logged."""
    with connection.cursor() as cursor:
        for model in (Referral, AgreedAction, Contact):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _gunicorn(port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "servicefirst.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(WORKERS), "--threads", str(THREADS), "--worker-class", "gthread"]
    command += ["--log-level", "warning"]
    server = subprocess.Popen(command)  # noqa: S603  the pinned gunicorn, from this interpreter
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contacts/0", timeout=5)
        except urllib.error.HTTPError:
            return server  # 401 without a token: Django answers
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited with status {server.returncode}") from None
            time.sleep(0.2)
    server.send_signal(signal.SIGTERM)
    raise RuntimeError("gunicorn did not answer within 60 s")


def _wrk(*, port: int, seconds: int, connections: int, script: Path, bodies: Path, key: str, first: int) -> dict:
    """Runs wrk, posting the bodies from the `first`th on; returns what the script's done() printed."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(script), f"http://127.0.0.1:{port}", "--", str(bodies), key, str(first)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603  wrk, found on PATH
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH_RESULT ")), None)
    if done.returncode or line is None:
        raise RuntimeError(f"wrk printed no result:\n{done.stdout}\n{done.stderr}")
    return json.loads(line.removeprefix("BENCH_RESULT "))


class CpuSplit:
    """Where the CPU time went while measuring: gunicorn (master and workers), wrk, and the rest
    (PostgreSQL's backends, and anything else running on the machine)."""

    def __init__(self, server_pids: list[int]) -> None:
        self.server_pids = server_pids

    def _server(self) -> float:
        return sum(process_cpu_seconds(pid) for pid in self.server_pids)

    @staticmethod
    def _children() -> float:
        # wrk has ended and been waited for by the time this is read after the run, so it is counted here.
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def __enter__(self) -> "CpuSplit":
        self.server, self.wrk = self._server(), self._children()
        return self

    def __exit__(self, *exc) -> None:
        self.server, self.wrk = self._server() - self.server, self._children() - self.wrk

    def per_request(self, machine: MachineLoad, wrk: dict) -> dict:
        ms = 1000 / max(wrk["requests"], 1)
        return {
            "cpu_ms_per_request": {
                "gunicorn": round(self.server * ms, 2),
                "wrk": round(self.wrk * ms, 2),
                "rest": round((machine.busy_cpu_seconds - self.server - self.wrk) * ms, 2),
            }
        }


def _summary(wrk: dict, landed: int, connections: int, machine: MachineLoad) -> dict:
    created = wrk["statuses"].get("201", 0)
    socket_errors = sum(v for k, v in wrk["errors"].items() if k != "status")
    latency = wrk["latency_us"]
    seconds = wrk["duration_us"] / 1e6
    rate = wrk["requests"] / seconds
    errors = wrk["requests"] - created + socket_errors
    # wrk stops at the deadline without waiting for the answers in flight, up to one per connection;
    # the server still commits those contacts.
    unanswered = landed - created
    return {
        "requests": wrk["requests"],
        "seconds": round(seconds, 2),
        "requests_per_s": round(rate, 1),
        **{f"{p}_ms": round(latency[p] / 1000, 2) for p in ("p50", "p90", "p95", "p99", "p999", "max")},
        "mean_ms": round(latency["mean"] / 1000, 2),
        "statuses": wrk["statuses"],
        "errors": errors,
        "socket_errors": wrk["errors"],
        "contacts_landed": landed,
        "landed_unanswered_at_deadline": unanswered,
        "landed_consistent": 0 <= unanswered <= connections,
        "pass": rate >= TARGET_REQUESTS_PER_S
        and latency["p99"] / 1000 <= TARGET_P99_MS
        and errors == 0
        and 0 <= unanswered <= connections,
        **machine.record(),
    }


def _landed(before_id: int) -> dict:
    made = Contact.objects.filter(pk__gt=before_id)
    return {
        "contacts": made.count(),
        "repeats": made.filter(is_repeat=True).count(),
        "referrals": Referral.objects.filter(contact_id__gt=before_id).count(),
        "agreed_actions": AgreedAction.objects.filter(contact_id__gt=before_id).count(),
        "anonymous": made.filter(customer__isnull=True).count(),
    }


def print_table(database: str, result: dict) -> None:
    s = result["measured"]
    print(f"\n{NAME} on {database} ({result['server_version']}): POST /api/contacts, gunicorn {result['server']}")
    print(f"{result['connections']} connections for {s['seconds']} s (after {result['warmup']['seconds']} s warm-up)")
    print(f"load average (1 min) {s['load_average_1min']['before']} before, {s['load_average_1min']['after']} after;")
    cpu = s["cpu_ms_per_request"]
    print(
        f"CPUs busy {s['cpu_busy_share']:.0%} while measuring; CPU per request: gunicorn {cpu['gunicorn']} ms, "
        f"wrk {cpu['wrk']} ms, the rest (database server, other processes) {cpu['rest']} ms"
    )
    print(f"{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}{'errors':>8}{'landed':>8}")
    print(
        f"{s['requests']:>9}{s['requests_per_s']:>8.1f}{s['p50_ms']:>8.1f}{s['p95_ms']:>8.1f}{s['p99_ms']:>8.1f}"
        f"{s['max_ms']:>8.1f}{s['errors']:>8}{s['contacts_landed']:>8}"
    )
    print(f"answers by status: {s['statuses']}; socket errors: {s['socket_errors']}")
    print(
        f"contacts table grew by {s['contacts_landed']}: the {s['statuses'].get('201', 0)} answered 201 and "
        f"{s['landed_unanswered_at_deadline']} still in flight when wrk stopped"
        + ("" if s["landed_consistent"] else f"  INCONSISTENT: more than {result['connections']} in flight")
    )
    print(f"of the contacts logged: {result['landed']}")
    verdict = "meets" if s["pass"] else "MISSES"
    print(f"{verdict} the target: >= {TARGET_REQUESTS_PER_S} requests/s, p99 <= {TARGET_P99_MS} ms, no errors")


def _wrk_version() -> str:
    done = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)  # noqa: S607
    found = re.search(r"wrk \S+", done.stdout + done.stderr)
    return found.group(0) if found else "wrk"


def check(result: dict) -> list[str]:
    """Every answer must be 201 and the contacts table must hold what was answered (plus those in flight)."""
    if "skipped" in result:
        return []
    measured, problems = result["measured"], []
    if not measured["requests"]:
        problems.append("no contact was posted")
    if measured["errors"]:
        problems.append(f"{measured['errors']} answers were not 201 Created: {measured['statuses']}")
    if not measured["landed_consistent"]:
        problems.append(f"{measured['contacts_landed']} contacts landed for {measured['statuses'].get('201', 0)} 201s")
    return problems


def run(*, database: str, customers: int, seconds: int, connections: int, reseed: bool = False) -> dict:
    if shutil.which("wrk") is None:
        reason = "wrk is not installed (Debian: apt-get install wrk), so the contact API was not measured"
        print(f"\n{NAME} on {database}: SKIPPED: {reason}")
        return {"skipped": reason}
    seeding = borough_data.borough_seed(
        customers=customers, parameters={"benchmark": NAME}, reseed=reseed, extend=_referral_rule_add
    )
    _contacts_clear()
    officer = get_user_model().objects.get(username="officer")
    token, key = api_token_create(user=officer, name="contact API benchmark", scopes=["contacts:write"])
    rng = random.Random(SEED)
    catalogue, now = Catalogue(), timezone.now()
    warmup_seconds = max(5, seconds // 6)
    bodies_count = BODIES_PER_SECOND * (warmup_seconds + seconds)
    port = _free_port()
    with tempfile.TemporaryDirectory() as work:
        script, bodies = Path(work, "post_contacts.lua"), Path(work, "contacts.jsonl")
        script.write_text(WRK_SCRIPT)
        lines = (json.dumps(_body(rng, catalogue, customers, now)) + "\n" for _ in range(bodies_count))
        bodies.write_text("".join(lines))
        connection.close()  # the server's workers are the only ones writing while it is measured
        server = _gunicorn(port)
        try:
            load = {"port": port, "script": script, "bodies": bodies, "key": key, "connections": connections}
            warmup = _wrk(seconds=warmup_seconds, first=0, **load)
            time.sleep(SETTLE_SECONDS)
            before_id = Contact.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            before = Contact.objects.count()
            connection.close()
            server_pids = [server.pid, *children(server.pid)]
            with MachineLoad() as machine, CpuSplit(server_pids) as split:
                measured = _wrk(seconds=seconds, first=warmup["requests"] + connections, **load)
        finally:
            server.send_signal(signal.SIGTERM)  # a graceful stop: the workers finish what they started
            server.wait(timeout=60)
    landed = Contact.objects.count() - before
    api_token_revoke(token=token)
    result = {
        "timestamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "server_version": server_version(),
        "server": f"{WORKERS} workers x {THREADS} threads (gthread)",
        "load_generator": f"{_wrk_version()}, {WRK_THREADS} thread, closed loop, keep-alive",
        "connections": connections,
        "seeding": seeding,
        "warmup": {"seconds": warmup_seconds, "requests": warmup["requests"], "statuses": warmup["statuses"]},
        "measured": _summary(measured, landed, connections, machine) | split.per_request(machine, measured),
        "landed": _landed(before_id),
    }
    print_table(database, result)
    return result
