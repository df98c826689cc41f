"""Who may open each staff page, decided for every URL pattern the resolver knows (issue 15): a page added without
a decision here fails the suite, so no page can ship without someone deciding who may see it.

Each page is opened by each role, and signed out. Records in the path do not exist, so a role that may use the page
gets its 404 (or the page itself) and a role that may not gets 403 before any lookup: the role decides, not the
record. Django's admin is for administrators only; the residents' pages, the API and Open311 have their own tests.
"""

import pytest
from django.contrib import admin as django_admin

from servicefirst.accounts.roles import Role
from tests.staff_pages import staff_pages

pytestmark = pytest.mark.django_db

R = Role
PUBLIC = "public"  # anyone, signed in or not
EVERYONE = frozenset(Role)
FRONT = frozenset({R.OFFICER, R.TEAM_MANAGER, R.COMPLAINTS_OFFICER, R.HEAD_OF_SERVICE, R.ADMINISTRATOR})
FRONT_AND_CLIENT_SERVICES = FRONT | {R.CLIENT_SERVICE_OFFICER}
WORKERS = frozenset({R.TEAM_MANAGER, R.CLIENT_SERVICE_OFFICER, R.HEAD_OF_SERVICE, R.ADMINISTRATOR})
MANAGERS = frozenset({R.TEAM_MANAGER, R.HEAD_OF_SERVICE, R.ADMINISTRATOR})
SUPERVISORS = frozenset({R.TEAM_MANAGER, R.HEAD_OF_SERVICE})
HANDLERS = frozenset({R.COMPLAINTS_OFFICER, R.HEAD_OF_SERVICE, R.ADMINISTRATOR})
REPORTS = MANAGERS | {R.COUNCILLOR}
ADMINISTRATORS = frozenset({R.ADMINISTRATOR})

# Pages that only act on a POST; they are tried with a POST.
POST_ONLY = {
    "accounts:logout",
    "contacts:action_complete",
    "mysteryshopping:cancel",
    "satisfaction:kiosk_revoke",
    "signin:unlock",
    "staff:active",
    "staff:password_reset",
    "staff:second_factor_reset",
    "staff:token_revoke",
    "staff:unlock",
}

# Who may use each page. Reports are aggregates for managers and councillors; the head of service and team
# managers supervise (referrals, team actions); administrators run the system but do not authorise referrals or
# chase officers' actions; client service officers see their own service's work.
DECISIONS: dict[str, frozenset | str] = {
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "audit:list": ADMINISTRATORS,
    "catalogue:index": EVERYONE,
    "catalogue:service": EVERYONE,
    "core:home": EVERYONE,
    "complaints:caseload": HANDLERS,
    "complaints:detail": HANDLERS,
    "complaints:record": FRONT,
    "complaints_reports:annual": REPORTS,
    "complaints_reports:annual_pdf": REPORTS,
    "complaints_reports:index": REPORTS,
    "contacts:action_complete": FRONT_AND_CLIENT_SERVICES,
    "contacts:actions_report": REPORTS,
    "contacts:contacts_report": REPORTS,
    "contacts:detail": FRONT_AND_CLIENT_SERVICES,
    "contacts:log": FRONT,
    "contacts:log_customers": FRONT,
    "contacts:log_open_items": FRONT,
    "contacts:my_actions": FRONT_AND_CLIENT_SERVICES,
    "contacts:referral_decide": SUPERVISORS,
    "contacts:referrals": WORKERS,
    "contacts:referrals_report": REPORTS,
    "contacts:referrals_to_authorise": SUPERVISORS,
    "contacts:team_actions": SUPERVISORS,
    "customers:create": FRONT,
    "customers:detail": FRONT_AND_CLIENT_SERVICES,
    "customers:edit": FRONT,
    "customers:search": FRONT,
    "inbound:attachment": FRONT_AND_CLIENT_SERVICES,
    "inbound:detail": FRONT,
    "inbound:to_match": FRONT,
    "mysteryshopping:cancel": MANAGERS,
    "mysteryshopping:results_sites": REPORTS,
    "mysteryshopping:results_standards": REPORTS,
    "mysteryshopping:schedule": MANAGERS,
    "mysteryshopping:shop": MANAGERS,
    "mysteryshopping:shops": MANAGERS,
    "notifications:message": MANAGERS,
    "notifications:outbox": MANAGERS,
    "organisation:index": EVERYONE,
    "organisation:sites": EVERYONE,
    "organisation:client_service": EVERYONE,
    "organisation:site": EVERYONE,
    "performance:dashboard": REPORTS,
    "performance:definitions": REPORTS,
    "performance:statement": REPORTS,
    "performance:statements": REPORTS,
    "satisfaction:kiosk_revoke": MANAGERS,
    "satisfaction:kiosk_start": MANAGERS,
    "satisfaction:kiosks": MANAGERS,
    "satisfaction:record": FRONT,
    "satisfaction:record_lookup": FRONT,
    "satisfaction:results": REPORTS,
    "satisfaction:results_answers": MANAGERS,
    "servicerequests:detail": FRONT_AND_CLIENT_SERVICES,
    "servicerequests:queue": WORKERS,
    "servicerequests:raise": FRONT,
    # Each person's own sign-in: their second factor, recovery codes and password.
    "signin:account": EVERYONE,
    "signin:enrol": EVERYONE,
    "signin:password_change": EVERYONE,
    "signin:recovery_codes": EVERYONE,
    "signin:verify": EVERYONE,
    # Lifting a lockout early is an administrator's decision.
    "signin:lockouts": ADMINISTRATORS,
    "signin:unlock": ADMINISTRATORS,
    # Managing staff: adding, roles, deactivating, passwords, second factors, lockouts and API tokens.
    "staff:active": ADMINISTRATORS,
    "staff:add": ADMINISTRATORS,
    "staff:list": ADMINISTRATORS,
    "staff:member": ADMINISTRATORS,
    "staff:password_reset": ADMINISTRATORS,
    "staff:role": ADMINISTRATORS,
    "staff:second_factor_reset": ADMINISTRATORS,
    "staff:token_new": ADMINISTRATORS,
    "staff:token_revoke": ADMINISTRATORS,
    "staff:unlock": ADMINISTRATORS,
    # The page a set-password link opens, before its owner can sign in.
    "staff:set_password": PUBLIC,
}


def test_every_staff_page_has_a_decision():
    pages = set(staff_pages())
    assert pages - set(DECISIONS) == set(), "decide who may open these pages"
    assert set(DECISIONS) - pages == set(), "these pages no longer exist"


@pytest.mark.parametrize("name", sorted(staff_pages()))
def test_each_role_on_each_staff_page(name, staff, client_for, client):
    path = "/" + staff_pages()[name]
    method = "post" if name in POST_ONLY else "get"
    allowed = DECISIONS[name]
    for role in Role:
        status = getattr(client_for(staff[role]), method)(path).status_code
        if allowed == PUBLIC or role in allowed:
            assert status != 403 and status < 500, (role, status)
        else:
            assert status == 403, (role, status)
    signed_out = getattr(client, method)(path)
    if allowed == PUBLIC:
        assert signed_out.status_code in (200, 302)
    else:
        assert signed_out.status_code == 302 and signed_out["Location"].startswith("/staff/sign-in/"), path


@pytest.mark.parametrize("role", list(Role))
def test_only_administrators_reach_the_admin(role, staff, client_for):
    """Every page of Django's admin the resolver lists (the index, each model's list and its add page)."""
    client = client_for(staff[role])
    paths = ["/staff/admin/"] + [
        f"/staff/admin/{model._meta.app_label}/{model._meta.model_name}/{page}"
        for model in django_admin.site._registry
        for page in ("", "add/")
    ]
    for path in paths:
        status = client.get(path).status_code
        if role == R.ADMINISTRATOR:
            assert status in (200, 403), (path, status)  # 403: a model whose records no one adds by hand
        else:
            assert status == 302, (path, status)  # to the admin's sign-in, which refuses non-administrators
