"""What the contact API and queue benchmarks record beside their timings: percentiles, the database
server's version, and how busy the machine was, since this 2-core machine is shared."""

import os
import statistics
import time
from pathlib import Path

from django.db import connection


def percentiles_ms(times_ms: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(times_ms, n=100, method="inclusive")
    return {
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "p99_ms": round(cuts[98], 2),
        "max_ms": round(max(times_ms), 2),
    }


def server_version() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def process_cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rpartition(")")[2].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError):
            continue  # the process ended while the list was read
    return found


def _cpu_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of every CPU since boot, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and waiting for I/O
    return sum(fields) - idle, sum(fields)


class MachineLoad:
    """The load average before and after, and the share of all CPUs busy in between (any process)."""

    def __enter__(self) -> "MachineLoad":
        self.load_before = os.getloadavg()[0]
        self.ticks = _cpu_ticks()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        busy, total = _cpu_ticks()
        self.seconds = time.perf_counter() - self.started
        self.cpu_busy = (busy - self.ticks[0]) / max(total - self.ticks[1], 1)
        self.busy_cpu_seconds = (busy - self.ticks[0]) / os.sysconf("SC_CLK_TCK")
        self.load_after = os.getloadavg()[0]

    def record(self) -> dict:
        return {
            "load_average_1min": {"before": round(self.load_before, 2), "after": round(self.load_after, 2)},
            "cpu_busy_share": round(self.cpu_busy, 3),
        }
