"""Pages run under the strict Content-Security-Policy in a real browser: the `page` fixture fails a test on any
refusal chromium reports. Here the pages whose scripts the policy would most easily break: Swagger UI, where staff
paste tokens, and the GOV.UK Frontend snippet that marks the page as running JavaScript."""

import pytest
from playwright.sync_api import expect

from servicefirst.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_runs_under_the_policy(page, sign_in):
    sign_in(UserFactory(role=Role.ADMINISTRATOR))
    page.goto("/api/docs")
    # Drawn by Swagger UI's script from the OpenAPI document it fetched: both allowed by 'self'.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Service First API")
    expect(page.locator(".opblock-tag-section").first).to_be_visible()


def test_the_nonced_snippet_runs_and_govuk_frontend_starts(page, sign_in):
    sign_in(UserFactory(role=Role.OFFICER))
    page.goto("/staff/")
    classes = page.evaluate("() => document.body.className")
    assert "js-enabled" in classes and "govuk-frontend-supported" in classes
    # GOV.UK Frontend's module script ran: it marks each component it starts.
    expect(page.locator("[data-module='govuk-skip-link'][data-govuk-skip-link-init]")).to_have_count(1)
