"""Browser tests drive Debian's chromium through Playwright; Playwright's own browser download is not used."""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, sync_playwright

from tests.signing_in import staff_client

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Debian's chromium is needed for browser tests: `apt-get install chromium` (make test does)")
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def csp_violations(page: Page) -> list[str]:
    """Collects what chromium refused under the Content-Security-Policy (it says so on the console), so a journey
    that only worked because a refused script or style did not matter still fails."""
    refused: list[str] = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    return refused


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused = csp_violations(page)
    yield page
    context.close()
    assert refused == [], refused


@pytest.fixture
def sign_in(page, live_server):
    """`sign_in(user)` signs the user in to `page` through a session cookie (past the second factor where their
    role needs one), signing out whoever was signed in, so
    that every step the test drives is one of the journey it tests (the sign-in form has its own test)."""

    def sign_in(user) -> None:
        page.context.clear_cookies()
        client = staff_client(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return sign_in


def focused(page: Page) -> str:
    """The focused element's id, else its name, else its text."""
    return page.evaluate("() => { const e = document.activeElement; return e.id || e.name || e.textContent.trim(); }")


def tab_to(page: Page, target: str, limit: int = 40) -> None:
    """Presses Tab until `target` (as `focused` names it) has the focus, at most `limit` times."""
    for _ in range(limit):
        if focused(page) == target:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target!r}; stopped at {focused(page)!r}")


def _govuk_conditional_radios(violation: dict) -> bool:
    """GOV.UK Frontend's conditional reveal marks its radios `aria-expanded`, which ARIA does not list for a radio;
    the Design System keeps it on purpose, as screen readers announce it (govuk-frontend issue 979, a known issue).
    Only that attribute on those radios is let through."""
    return (
        violation["id"] == "aria-allowed-attr"
        and all(
            'class="govuk-radios__input"' in node["html"] and "aria-controls=" in node["html"]
            for node in violation["nodes"]
        )
        and all("aria-expanded" in "".join(node.get("failureSummary", "")) for node in violation["nodes"])
    )


def assert_accessible(page: Page, *, target_size: bool = False) -> None:
    """Runs axe-core against WCAG 2.x A/AA rules and fails on any serious or critical violation. `target_size`
    also checks WCAG 2.2's 24 by 24 pixel targets (2.5.8), which axe leaves off by default."""
    # Evaluated through the DevTools protocol: a script tag added to the page would be refused by the CSP.
    page.evaluate(AXE.read_text())
    rules = "rules: {'target-size': {enabled: true}}, " if target_size else ""
    result = page.evaluate(
        f"async () => await axe.run(document, {{{rules}runOnly: {{type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    if target_size:
        # An impact below serious still fails 2.5.8, so every target-size finding counts.
        result["violations"] = [
            dict(v, impact="serious") if v["id"] == "target-size" else v for v in result["violations"]
        ]
    serious = [
        v for v in result["violations"] if v["impact"] in ("serious", "critical") and not _govuk_conditional_radios(v)
    ]
    assert not serious, json.dumps(
        [{"id": v["id"], "help": v["help"], "nodes": [n["html"] for n in v["nodes"][:3]]} for v in serious], indent=2
    )
