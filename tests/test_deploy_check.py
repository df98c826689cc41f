"""Production's settings, as docs/DEPLOYMENT.md documents them (issue 15, item 4): `check --deploy` prints no issue
with them; without Redis the settings refuse to load and an app server refuses to start; HTTPS, HSTS, secure cookies
and SMTP mail are what DEBUG=0 gives. Each runs manage.py in a process of its own, because settings are read once.

Needs the Redis server the suite's machine runs at 127.0.0.1:6379 (TEST_REDIS_URL names another), and a PostgreSQL
server, because the checks ask it what it supports: the suite's own when it runs on PostgreSQL, else the local one
(its maintenance database, where nothing is written)."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# Nothing listens on port 1.
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"


def _postgres_url() -> str:
    suite = os.environ.get("DATABASE_URL", "")
    server = suite if suite.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/postgres"
    return urlsplit(server)._replace(path="/postgres").geturl()


POSTGRES_URL = _postgres_url()


def documented_environment() -> dict[str, str]:
    """The ```env block of docs/DEPLOYMENT.md, with a real secret key and this machine's Redis."""
    text = (ROOT / "docs" / "DEPLOYMENT.md").read_text()
    [block] = re.findall(r"```env\n(.*?)```", text, re.DOTALL)
    documented = dict(line.split("=", 1) for line in block.splitlines() if line.strip())
    assert documented["DEBUG"] == "0"
    # Placeholders in the guide (<...>) are the council's secrets.
    documented["SECRET_KEY"] = secrets.token_urlsafe(64)
    documented["EMAIL_HOST_PASSWORD"] = secrets.token_urlsafe(16)
    assert documented["DATABASE_URL"].startswith("postgres://")
    documented["DATABASE_URL"] = POSTGRES_URL
    documented["REDIS_URL"] = REDIS_URL
    assert not any("<" in value for value in documented.values()), documented
    # Only what the guide says, on top of what a shell gives (PATH, HOME); none of the suite's own settings.
    base = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return base | documented


def run(*arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603  the project's own manage.py, from this interpreter
        [sys.executable, *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module", autouse=True)
def postgres_answers():
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL answers at {POSTGRES_URL}: {str(error).strip().splitlines()[0]}")


@pytest.fixture(scope="module")
def redis_answers():
    env = documented_environment()
    probe = run("-c", f"import redis; redis.Redis.from_url({REDIS_URL!r}, socket_timeout=2).ping()", env=env)
    if probe.returncode:
        pytest.skip(f"no Redis answers at {REDIS_URL}: {probe.stderr.strip().splitlines()[-1]}")


def test_check_deploy_prints_no_issue_with_the_documented_settings(redis_answers):
    done = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=documented_environment())
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "System check identified no issues (0 silenced).", done.stdout + done.stderr


def test_the_documented_settings_are_productions(redis_answers):
    names = {
        "redirect": "s.SECURE_SSL_REDIRECT",
        "hsts": "s.SECURE_HSTS_SECONDS",
        "subdomains": "s.SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "preload": "s.SECURE_HSTS_PRELOAD",
        "proxy": "s.SECURE_PROXY_SSL_HEADER",
        "session": "s.SESSION_COOKIE_SECURE",
        "csrf": "s.CSRF_COOKIE_SECURE",
        "mailer": "s.MAILERS['default']",
        "cache": "s.CACHES['default']['BACKEND']",
        "health_checks": "connection.settings_dict['CONN_HEALTH_CHECKS']",
        "proxies": "s.TRUSTED_PROXY_COUNT",
    }
    script = (
        "import json; from django.conf import settings as s; from django.db import connection; "
        f"print(json.dumps({{{', '.join(f'{key!r}: {value}' for key, value in names.items())}}}))"
    )
    done = run("manage.py", "shell", "--no-imports", "-c", script, env=documented_environment())
    assert done.returncode == 0, done.stderr
    values = json.loads(done.stdout)
    assert values["redirect"] is True
    assert values["hsts"] == 31_536_000
    assert values["subdomains"] is values["preload"] is True
    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["session"] is values["csrf"] is True
    assert values["mailer"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["mailer"]["OPTIONS"]["host"], values["mailer"]["OPTIONS"]["port"]) == ("smtp.example.gov.uk", 587)
    assert values["mailer"]["OPTIONS"]["use_tls"] is True
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["health_checks"] is True
    assert values["proxies"] == 1


def test_settings_refuse_to_load_in_production_without_redis():
    env = documented_environment()
    del env["REDIS_URL"]
    done = run("manage.py", "check", env=env)
    assert done.returncode != 0
    assert "REDIS_URL must be set when DEBUG is off" in done.stderr


def test_without_redis_knowingly_check_deploy_warns_that_limits_are_per_process():
    env = documented_environment()
    del env["REDIS_URL"]
    env["CACHE_PER_PROCESS"] = "1"
    done = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert done.returncode != 0
    assert "servicefirst.W001" in done.stderr


def test_an_app_server_does_not_start_when_redis_does_not_answer():
    env = documented_environment() | {"REDIS_URL": DEAD_REDIS_URL}
    done = run("-c", "import servicefirst.wsgi", env=env)
    assert done.returncode != 0
    assert "Redis at REDIS_URL does not answer" in done.stderr
    deploy = run("manage.py", "check", "--deploy", env=env)
    assert "servicefirst.E001" in deploy.stderr


def test_an_app_server_starts_when_redis_answers(redis_answers):
    done = run("-c", "import servicefirst.wsgi; print('started')", env=documented_environment())
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "started"


def test_a_public_address_without_https_is_reported(redis_answers):
    env = documented_environment() | {"PUBLIC_BASE_URL": "http://servicefirst.example.gov.uk"}
    done = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert done.returncode != 0
    assert "servicefirst.W002" in done.stderr
