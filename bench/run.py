"""Runs the benchmarks on SQLite and PostgreSQL and writes bench/results/<benchmark>.json.

Usage (from the repository root): .venv/bin/python bench/run.py [--only NAME[,NAME]]
[--databases sqlite,postgresql] [--reseed] [--smoke [--results-dir DIR]] [each benchmark's options; see --help].
Each benchmark seeds a database of its own and runs on each database in a process of its own, because Django
reads DATABASE_URL once, at start-up. After a run, each benchmark's own `check` tells whether its figures are
ones the code could have produced; a run that fails its check exits 1.

`--smoke` runs every benchmark the same way on tiny data, seeded afresh, in a few seconds each, so the suite
catches a benchmark the code has left behind: SQLite files and results go to a temporary directory (or
--results-dir), PostgreSQL databases are named with `_smoke`, and bench/results is left alone.
"""

import argparse
import datetime
import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import django
import psycopg
from psycopg import sql

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
POSTGRES_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/servicefirst_bench")


class Option(NamedTuple):
    flag: str
    parameter: str  # the benchmark's run() keyword
    default: int | float
    smoke: int | float  # the value for --smoke: tiny, but enough for every figure to be worked out
    help: str
    recorded_as: str = ""  # the key in the results file, when not the parameter's name


class Benchmark(NamedTuple):
    """A module with NAME (its results file, or results_name(**options) where each option value keeps its own
    file), TARGET_* constants (recorded in lower case), run(database=, reseed=, **options), which prints its
    figures and returns them, and check(result), which returns what is wrong with them (nothing: [])."""

    module: str
    sqlite_file: str  # in bench/; {option} fields are filled from the options, so each value has its own database
    postgres_suffix: str  # added to BENCH_DATABASE_URL's database name, filled in the same way
    options: tuple[Option, ...]


BENCHMARKS = [
    Benchmark(
        "search_bench",
        "search-bench.sqlite3",
        "",
        (
            Option("--customers", "customers", 1_000_000, 2_000, "customers seeded"),
            Option("--queries", "queries", 200, 5, "measured queries per kind", "queries_per_kind"),
        ),
    ),
    Benchmark(
        "contact_api_bench",
        "contact-api-bench.sqlite3",
        "_contact_api",
        (
            Option("--api-customers", "customers", 5_000, 300, "customers seeded"),
            Option("--api-seconds", "seconds", 60, 2, "seconds of measured load (after a warm-up of a sixth of it)"),
            Option("--api-connections", "connections", 8, 2, "concurrent connections, each waiting for its answer"),
        ),
    ),
    Benchmark(
        "queue_bench",
        "queue-bench.sqlite3",
        "_queue",
        (
            Option("--queue-requests", "requests", 100_000, 600, "open service requests seeded"),
            Option("--queue-renders", "renders", 100, 2, "measured renders per variant"),
        ),
    ),
    Benchmark(
        "sign_in_bench",
        "sign-in-bench.sqlite3",
        "_sign_in",
        (Option("--sign-in-samples", "samples", 50, 5, "measured sign-in requests per address"),),
    ),
    Benchmark(
        "borough_bench",
        "borough-bench.sqlite3",
        "_borough",
        (Option("--borough-scale", "scale", 1.0, 0.002, "generate_borough's --scale (1.0: the seeds' volumes)"),),
    ),
    Benchmark(
        "dashboard_bench",
        "dashboard-bench-scale-{scale:g}.sqlite3",
        "_dashboard_scale_{scale:g}",
        (
            Option("--dashboard-scale", "scale", 1.0, 0.002, "the generated borough's scale for the performance pages"),
            Option("--dashboard-cold", "cold_samples", 15, 2, "cold samples per view (each on a new connection)"),
            Option("--dashboard-warm", "warm_samples", 40, 3, "warm samples per view"),
        ),
    ),
]


def _urls(benchmark: Benchmark, args: argparse.Namespace) -> dict[str, str]:
    values = _option_values(benchmark, args)
    base = urlsplit(POSTGRES_URL)
    suffix = ("_smoke" if args.smoke else "") + benchmark.postgres_suffix.format(**values)
    postgres = base._replace(path=base.path + suffix).geturl()
    sqlite = (args.results_dir if args.smoke else BENCH) / benchmark.sqlite_file.format(**values)
    return {"sqlite": f"sqlite:///{sqlite}", "postgresql": postgres}


def _postgres_ready(url: str) -> str | None:
    """Creates the benchmark database if missing; returns why PostgreSQL is skipped, or None."""
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    for maintenance in ("postgres", "test"):
        try:
            with psycopg.connect(url, dbname=maintenance, connect_timeout=3, autocommit=True) as conn:
                if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                    print(f"Created PostgreSQL database {name}")
                return None
        except psycopg.OperationalError as error:
            reason = str(error).strip().splitlines()[0]
    return f"no PostgreSQL server answers at {url} ({reason})"


def _option_values(benchmark: Benchmark, args: argparse.Namespace) -> dict[str, int | float]:
    """Each option as given, else its smoke value under --smoke, else its default."""
    values = {}
    for option in benchmark.options:
        given = getattr(args, option.flag[2:].replace("-", "_"))
        values[option.parameter] = given if given is not None else option.smoke if args.smoke else option.default
    return values


def _run_child(benchmark: Benchmark, database: str, url: str, args: argparse.Namespace) -> dict:
    """Runs one benchmark on one database in a child process and returns its result."""
    with tempfile.NamedTemporaryFile(suffix=".json") as output:
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "SECRET_KEY": "bench-only-not-a-secret"}
        # Production's settings but for what a benchmark on one machine has no use for: plain HTTP on 127.0.0.1,
        # and the process's own cache unless REDIS_URL names a Redis (docs/DEPLOYMENT.md).
        env |= {"SECURE_SSL_REDIRECT": "0", "CACHE_PER_PROCESS": "1"}
        # Where the results of other runs are, for a benchmark that compares with them.
        env["BENCH_RESULTS_DIR"] = str(args.results_dir)
        command = [sys.executable, __file__, "--child", database, "--child-benchmark", benchmark.module]
        command += ["--child-output", output.name] + ["--reseed"] * args.reseed
        values = _option_values(benchmark, args)
        for option in benchmark.options:
            command += [option.flag, str(values[option.parameter])]
        done = subprocess.run(command, cwd=ROOT, env=env, check=False)  # noqa: S603  this script, re-run
        if done.returncode:
            return {"failed": f"exit status {done.returncode}"}
        return json.loads(Path(output.name).read_text())


def _setup() -> None:
    sys.path[:0] = [str(ROOT), str(BENCH)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "servicefirst.settings"
    django.setup()


def _child(args: argparse.Namespace) -> None:
    _setup()
    benchmark = next(b for b in BENCHMARKS if b.module == args.child_benchmark)
    module = importlib.import_module(benchmark.module)
    print(f"\n== {module.NAME} on {args.child} ==", flush=True)
    result = module.run(database=args.child, reseed=args.reseed, **_option_values(benchmark, args))
    if problems := module.check(result):
        # The figures are kept beside the verdict, so what went wrong can be read.
        result = {"failed": "; ".join(problems), **result}
        print(f"\n{module.NAME} on {args.child} FAILED its check: {result['failed']}", flush=True)
    Path(args.child_output).write_text(json.dumps(result))


def _write_results(module, benchmark: Benchmark, args: argparse.Namespace, per_database: dict) -> Path:
    values = _option_values(benchmark, args)
    name = module.results_name(**values) if hasattr(module, "results_name") else module.NAME
    path = args.results_dir / f"{name}.json"
    recorded = {option.recorded_as or option.parameter: values[option.parameter] for option in benchmark.options}
    previous = json.loads(path.read_text()) if path.exists() else {}
    if previous and all(previous.get(key) == value for key, value in recorded.items()):
        # Running one database keeps the other's last figures (each carries its own timestamp).
        per_database = previous["databases"] | per_database
    targets = {name.lower(): getattr(module, name) for name in dir(module) if name.startswith("TARGET_")}
    report = {
        "benchmark": module.NAME,
        "timestamp": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "django": django.get_version(),
        },
        **recorded,
        **targets,
        "databases": per_database,
    }
    path.write_text(json.dumps(report, indent=2) + "\n")
    return path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = "customer_search, contact_api, servicerequest_queue, generate_borough, performance_dashboard"
    parser.add_argument("--only", metavar="NAME[,NAME]", help=f"benchmarks to run, of {names} (default: all)")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite and/or postgresql [both]")
    parser.add_argument("--reseed", action="store_true", help="seed again even if the database is already seeded")
    parser.add_argument("--smoke", action="store_true", help="tiny data, seeded afresh, results kept out of bench/")
    parser.add_argument("--results-dir", type=Path, help="where results (and, with --smoke, SQLite files) go")
    for benchmark in BENCHMARKS:
        group = parser.add_argument_group(f"{benchmark.module}.py")
        for option in benchmark.options:
            help_text = f"{option.help} [{option.default:,}; --smoke: {option.smoke:,}]"
            group.add_argument(option.flag, type=type(option.default), help=help_text)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-benchmark", help=argparse.SUPPRESS)
    parser.add_argument("--child-output", help=argparse.SUPPRESS)
    return parser


def main() -> int:
    parser = _parser()
    args = parser.parse_args()
    if args.child:
        _child(args)
        return 0

    databases = args.databases.split(",")
    if unknown := set(databases) - {"sqlite", "postgresql"}:
        parser.error(f"unknown database {', '.join(sorted(unknown))}: choose sqlite and/or postgresql")
    if args.smoke:
        # Every smoke run seeds its tiny data afresh: seeding is part of the code path that must keep working.
        args.reseed = True
        args.results_dir = args.results_dir or Path(tempfile.mkdtemp(prefix="bench-smoke-"))
    args.results_dir = (args.results_dir or RESULTS).resolve()
    args.results_dir.mkdir(parents=True, exist_ok=True)
    _setup()
    modules = {b: importlib.import_module(b.module) for b in BENCHMARKS}
    names = {module.NAME: b for b, module in modules.items()}
    chosen = args.only.split(",") if args.only else list(names)
    if unknown := set(chosen) - set(names):
        parser.error(f"unknown benchmark {', '.join(sorted(unknown))}: choose from {', '.join(names)}")
    failed = False
    for name in chosen:
        benchmark = names[name]
        per_database = {}
        for database in databases:
            url = _urls(benchmark, args)[database]
            if database == "postgresql" and (skipped := _postgres_ready(url)):
                print(f"\nSkipping {name} on PostgreSQL: {skipped}")
                per_database[database] = {"skipped": skipped}
                continue
            per_database[database] = _run_child(benchmark, database, url, args)
        failed |= any("failed" in r for r in per_database.values())
        path = _write_results(modules[benchmark], benchmark, args, per_database)
        print(f"\nWrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
