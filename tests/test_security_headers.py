"""The security headers every answer carries (issue 15, items 4 and 8): a strict Content-Security-Policy whose nonce
is the one the page's inline script carries, no inline style or handler a browser would have to be allowed, frame
denial, nosniff, Referrer-Policy, Permissions-Policy; with production's settings the HTTPS redirect and HSTS.

Every URL pattern the resolver knows is opened (as an administrator, records in the path missing), so a new page
is checked without being listed; a few pages with records and the public ones are opened as their users would."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from servicefirst.accounts.roles import Role
from tests.factories import SiteFactory, UserFactory, make_customer
from tests.factories_satisfaction import kiosk

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[1] / "servicefirst"
# Rendered by WeasyPrint into a PDF on the server; no browser ever reads it as a page.
SERVER_ONLY_TEMPLATES = {"complaints/templates/complaints/reports/annual_pdf.html"}
# Pages that only act on a POST, and the sign-out page, which would end the session the walk uses.
SKIPPED = {"accounts:logout", "contacts:action_complete", "mysteryshopping:cancel", "satisfaction:kiosk_revoke"}
# What fills each kind of path part: none of these records exist (numbers are 999999), so each page answers its 404,
# or the page itself where it names no record.
PATH_FILL = {"reference": "SR-2026-999999", "fmt": "json", "slug": "missing", "key": "missing", "token": "missing"}
# Paths whose parts must have a shape of their own to reach the view.
PATH_BY_NAME = {
    "complaints:detail": "staff/complaints/CMP-2026-999999/",
    "performance:statement": "staff/performance/statements/nobody/2026-11/",
}


class PageParts(HTMLParser):
    """The parts of a page a CSP governs: script tags, style tags, style attributes and inline handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.style_tags = 0
        self.style_attributes: list[str] = []
        self.handlers: list[str] = []
        self.javascript_urls: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script":
            self._script = {"attrs": attributes, "text": ""}
            self.scripts.append(self._script)
        if tag == "style":
            self.style_tags += 1
        for name, value in attrs:
            if name == "style":
                self.style_attributes.append(f"<{tag} style={value!r}>")
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.javascript_urls.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def assert_secure_headers(response, path: str) -> None:
    csp = policy(response)
    for directive in ("default-src", "script-src", "style-src", "connect-src", "form-action"):
        assert "'unsafe-inline'" not in csp.get(directive, []), (path, directive)
        assert "'unsafe-eval'" not in csp.get(directive, []), (path, directive)
    assert csp["default-src"] == ["'self'"], path
    assert csp["style-src"] == ["'self'"], path
    assert csp["frame-ancestors"] == ["'none'"], path
    assert csp["object-src"] == ["'none'"], path
    assert csp["base-uri"] == ["'none'"], path
    assert csp["form-action"] == ["'self'"], path
    assert response["X-Frame-Options"] == "DENY", path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] == "same-origin", path
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions, (path, feature)


def assert_page_needs_no_inline_allowance(response, path: str) -> None:
    """Every inline script carries the nonce the header names; scripts with a src are the site's own; no inline
    style, style attribute, handler attribute or javascript: address."""
    parts = PageParts()
    parts.feed(response.content.decode())
    nonces = [v[len("'nonce-") : -1] for v in policy(response)["script-src"] if v.startswith("'nonce-")]
    for script in parts.scripts:
        attrs = script["attrs"]
        if "src" in attrs:
            # Same origin, so 'self' covers it and nothing else needs to be allowed.
            assert attrs["src"].startswith("/") and not attrs["src"].startswith("//"), (path, attrs["src"])
        elif attrs.get("type") != "application/json":
            # A JSON data block is never run; any other inline script must carry the page's nonce.
            assert nonces and attrs.get("nonce") == nonces[0], (path, script)
    assert parts.style_tags == 0, path
    assert parts.style_attributes == [], (path, parts.style_attributes)
    assert parts.handlers == [], (path, parts.handlers)
    assert parts.javascript_urls == [], (path, parts.javascript_urls)


def every_route() -> dict[str, str]:
    """Every URL pattern outside Django's admin, by name, with a path that opens it (records missing)."""
    found = {}

    def walk(resolver: URLResolver, prefix: str, namespace: str | None) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern, prefix + str(pattern.pattern), pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name or route
                if route.startswith("staff/admin/") or name in SKIPPED or route.startswith("^"):
                    continue
                found[name] = PATH_BY_NAME.get(name) or re.sub(
                    r"<(?:\w+:)?(\w+)>", lambda m: PATH_FILL.get(m[1], "999999"), route
                )

    walk(get_resolver(), "", None)
    return found


@pytest.mark.parametrize("name", sorted(every_route()))
def test_every_page_carries_the_headers_and_needs_no_inline_allowance(name, client_for):
    path = "/" + every_route()[name]
    client = client_for(UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    response = client.get(path)
    assert response.status_code < 500, (path, response.status_code)
    assert_secure_headers(response, path)
    if response.get("Content-Type", "").startswith("text/html"):
        assert_page_needs_no_inline_allowance(response, path)


def test_the_walk_reaches_every_kind_of_page():
    """A guard on the walk itself: staff pages, the residents' site, the kiosk, the API and Open311 are in it."""
    paths = set(every_route().values())
    for expected in ("staff/", "", "kiosk/", "healthz", "api/docs", "open311/v2/services.json", "track/"):
        assert expected in paths, expected


@pytest.fixture
def administrator(client_for):
    return client_for(UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True))


def test_a_staff_page_with_its_records_carries_the_nonce_on_its_one_inline_script(client_for):
    officer = UserFactory(role=Role.OFFICER)
    customer = make_customer(officer, first_name="Ada", last_name="Lovelace")
    client = client_for(officer)
    for path in ("/staff/", f"/staff/customers/{customer.pk}/", "/staff/contacts/log/", "/staff/customers/?q=Ada"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_secure_headers(response, path)
        assert_page_needs_no_inline_allowance(response, path)
        [nonce] = [v for v in policy(response)["script-src"] if v.startswith("'nonce-")]
        # GOV.UK Frontend's js-enabled snippet is the inline script, with this request's nonce.
        assert f'<script nonce="{nonce[7:-1]}">document.body.className' in response.content.decode(), path
    # The contact log's call timer is a static script now.
    assert '<script src="/static/call-timer.js"></script>' in client.get("/staff/contacts/log/").content.decode()


def test_each_response_has_a_nonce_of_its_own(officer_client):
    first, second = (policy(officer_client.get("/staff/"))["script-src"] for _ in range(2))
    assert first != second
    assert first[0] == second[0] == "'self'"


def test_the_kiosk_and_the_residents_site(client):
    manager = Client()
    manager.force_login(UserFactory(role=Role.TEAM_MANAGER))
    _, token = kiosk(site=SiteFactory())
    started = manager.post("/staff/satisfaction/kiosks/start/", {"token": token})
    kiosk_client = Client()
    kiosk_client.cookies.update(started.cookies)
    for browser, path in ((kiosk_client, "/kiosk/"), (client, "/"), (client, "/services/a-z/"), (client, "/track/")):
        response = browser.get(path)
        assert response.status_code == 200, path
        assert_secure_headers(response, path)
        assert_page_needs_no_inline_allowance(response, path)


def test_the_api_swagger_ui_and_open311(api_for, administrator, client):
    answers = {
        "/api/customers": api_for(Role.OFFICER).get("/api/customers", {"q": "smith"}),
        "/api/openapi.json": client.get("/api/openapi.json"),
        "/api/docs": administrator.get("/api/docs"),
        "/open311/v2/services.json": client.get("/open311/v2/services.json"),
        "/healthz": client.get("/healthz"),
    }
    for path, response in answers.items():
        assert response.status_code == 200, (path, response.status_code)
        assert_secure_headers(response, path)
    # Swagger UI runs from the project's own static files and reads its settings from a JSON block, so the
    # strict policy holds on the page where staff paste their tokens.
    assert_page_needs_no_inline_allowance(answers["/api/docs"], "/api/docs")
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in answers["/api/docs"].content.decode()


def test_django_admin_pages_carry_the_headers_and_need_no_inline_allowance(administrator):
    for path in ("/staff/admin/", "/staff/admin/organisation/site/", "/staff/admin/organisation/site/add/"):
        response = administrator.get(path)
        assert response.status_code == 200, path
        assert_secure_headers(response, path)
        assert_page_needs_no_inline_allowance(response, path)


def test_no_template_has_an_inline_style_handler_or_unnonced_script():
    """Catches what the walk cannot reach with missing records (a kiosk's later screens, a form's error state)."""
    problems = []
    for template in sorted(TEMPLATES.glob("*/templates/**/*.html")):
        name = str(template.relative_to(TEMPLATES))
        if name in SERVER_ONLY_TEMPLATES:
            continue
        text = template.read_text()
        for pattern in (r"\sstyle=", r"<style", r"\son[a-z]+=", r"javascript:"):
            if re.search(pattern, text, re.IGNORECASE):
                problems.append((name, pattern))
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag and 'nonce="{{ csp_nonce }}"' not in tag:
                problems.append((name, tag))
    assert problems == []


def test_production_settings_redirect_to_https_and_send_hsts(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client()
    plain = client.get("/services/a-z/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/services/a-z/"
    assert "Strict-Transport-Security" not in plain  # HSTS only means something over HTTPS
    proxied = client.get("/services/a-z/", headers={"X-Forwarded-Proto": "https"})
    assert proxied.status_code == 200
    assert proxied["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_secure_headers(proxied, "/services/a-z/")
    # The load balancer's health check may ask over plain HTTP.
    assert client.get("/healthz").status_code == 200


def test_development_serves_plain_http_without_hsts(client):
    response = client.get("/services/a-z/")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


def test_the_health_check_answers_json_with_no_personal_data(client):
    make_customer(first_name="Ada", last_name="Lovelace")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_health_check_answers_503_when_the_cache_does_not(client, settings):
    # Nothing listens on port 1: the cache server is down.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "down"}


def _database_gone(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


def test_a_page_whose_database_connection_drops_answers_503_with_retry_after(officer_client):
    # The officer's session is read by the sign-in middleware before the view, where the connection has gone:
    # Django hands that to handler500, which answers 503 as the view's own failure would. (The test client
    # would otherwise raise the failure it saw, whatever the answer.)
    officer_client.raise_request_exception = False
    with connection.execute_wrapper(_database_gone):
        response = officer_client.get("/staff/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Sorry, the service is unavailable" in response.content.decode()
    assert_secure_headers(response, "/staff/")


def test_the_api_answers_503_in_its_shape_when_the_database_drops(api_for):
    api = api_for(Role.OFFICER)
    with connection.execute_wrapper(_database_gone):
        response = api.get("/api/customers", {"q": "smith"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["status"] == 503
