"""Every benchmark in its smoke mode (`bench/run.py --smoke`): the same code and the same checks as `make bench`,
on tiny data seeded afresh, so a change that leaves a benchmark behind fails the suite instead of the next
`make bench`. Each runs on the database the suite runs on."""

import importlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

BENCH = Path(__file__).resolve().parents[1] / "bench"

pytestmark = pytest.mark.slow


def _load_run():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RUN = _load_run()
MODULES = {importlib.import_module(b.module).NAME: importlib.import_module(b.module) for b in RUN.BENCHMARKS}


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    if connection.vendor == "postgresql":
        # The benchmarks' own databases, on the server the suite uses (their names end in _smoke), named after the
        # suite's database, so two checkouts' suites on one server (each with its own DATABASE_URL) do not share them.
        url = urlsplit(os.environ["DATABASE_URL"])
        env["BENCH_DATABASE_URL"] = url._replace(path=f"{url.path.rstrip('/')}_bench").geturl()
    return env


@pytest.mark.parametrize("name", list(MODULES))
def test_the_benchmark_runs_and_passes_its_checks_on_tiny_data(name, tmp_path):
    database = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    command = [sys.executable, str(BENCH / "run.py"), "--smoke", "--only", name, "--databases", database]
    done = subprocess.run(  # noqa: S603  the project's own script
        [*command, "--results-dir", str(tmp_path)],
        cwd=BENCH.parent,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    [written] = tmp_path.glob("*.json")
    figures = json.loads(written.read_text())["databases"][database]
    assert "failed" not in figures and "skipped" not in figures, figures
    assert MODULES[name].check(figures) == []
