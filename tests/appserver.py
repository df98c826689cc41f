"""A real app server for tests that need one: gunicorn on the test database, as production runs it, with
processes of its own (the test client and live server share the test's process and connections)."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def gunicorn_serving(*, workers: int = 2, **env: str) -> Iterator[str]:
    """Yields the server's address. Sync workers, each keeping its database connection for a minute; `env` adds
    settings (DEBUG stays on: static files need no collectstatic)."""
    port = _free_port()
    environment = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": _database_url(),
        "CONN_MAX_AGE": "60",
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
        **env,
    }
    command = [sys.executable, "-m", "gunicorn", "servicefirst.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--worker-class", "sync", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=environment)  # noqa: S603  the pinned gunicorn
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=5)  # noqa: S310  the test's own server, over http
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def http_request(
    url: str, *, json_body: dict | None = None, form: bytes | None = None, headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of one request, errors included."""
    data, content_type = form, "application/x-www-form-urlencoded"
    if json_body is not None:
        data, content_type = json.dumps(json_body).encode(), "application/json"
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type, **headers})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310  the test's own server, over http
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
