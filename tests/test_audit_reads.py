"""Every read that shows personal data writes its audit event (issue 15, item 5): each path below is opened once
and must write exactly the events listed, no more (one page view is one event, issue 22). A staff page, an API
read or an admin page added later fails `test_every_*_has_a_decision` until someone puts it here or in the list
of reads that show no personal data, so none can ship unaudited by oversight."""

from collections.abc import Callable

import pytest
from django.contrib import admin as django_admin

from servicefirst.accounts.roles import Role
from servicefirst.api import api
from servicefirst.audit.models import AuditEvent
from tests.factories import UserFactory
from tests.factories_audit import Event, Read, World, audit_last_pk, new_customer_like_john, period
from tests.staff_pages import staff_pages

pytestmark = pytest.mark.django_db


R = Role
VIEWED, LISTED, SEARCHED = "viewed", "listed", "searched"


STAFF_READS: dict[str, Callable[[World], Read]] = {
    "audit:list": lambda w: Read(
        R.ADMINISTRATOR,
        "/staff/audit/",
        [Event(LISTED, "audit_event", ids=list(AuditEvent.objects.values_list("pk", flat=True)[:50]))],
    ),
    "complaints:caseload": lambda w: Read(
        R.HEAD_OF_SERVICE, "/staff/complaints/caseload/", [Event(LISTED, "complaint", ids=[w.complaint.pk])]
    ),
    "complaints:detail": lambda w: Read(
        R.HEAD_OF_SERVICE,
        f"/staff/complaints/{w.complaint.reference}/",
        [Event(VIEWED, "complaint", w.complaint.pk)],
    ),
    "complaints:record": lambda w: Read(
        R.OFFICER, "/staff/complaints/new/", [Event(VIEWED, "customer", w.john.pk)], {"customer": w.john.pk}
    ),
    "contacts:detail": lambda w: Read(
        R.OFFICER, f"/staff/contacts/{w.contact.pk}/", [Event(VIEWED, "contact", w.contact.pk)]
    ),
    "contacts:log": lambda w: Read(
        R.OFFICER,
        "/staff/contacts/log/",
        [Event(SEARCHED, "customer", ids=[w.john.pk], query="John Smith"), Event(VIEWED, "customer", w.john.pk)],
        {"q": "John Smith", "customer_id": w.john.pk},
    ),
    "contacts:log_customers": lambda w: Read(
        R.OFFICER,
        "/staff/contacts/log/customers/",
        [Event(SEARCHED, "customer", ids=[w.john.pk], query="john@example.com")],
        {"q": "john@example.com"},
    ),
    "contacts:log_open_items": lambda w: Read(
        R.OFFICER, "/staff/contacts/log/open-items/", [Event(VIEWED, "customer", w.john.pk)], {"customer_id": w.john.pk}
    ),
    "contacts:my_actions": lambda w: Read(
        R.OFFICER, "/staff/contacts/actions/", [Event(LISTED, "agreed_action", ids=[w.action.pk])]
    ),
    "contacts:team_actions": lambda w: Read(
        R.TEAM_MANAGER,
        "/staff/contacts/actions/team/",
        [Event(LISTED, "agreed_action", ids=[w.action.pk])],
        {"show": "all"},
    ),
    "contacts:referrals": lambda w: Read(
        R.TEAM_MANAGER, "/staff/contacts/referrals/", [Event(LISTED, "referral", ids=[w.referral_sent.pk])]
    ),
    "contacts:referrals_to_authorise": lambda w: Read(
        R.TEAM_MANAGER,
        "/staff/contacts/referrals/authorise/",
        [Event(LISTED, "referral", ids=[w.referral_pending.pk])],
    ),
    "contacts:referral_decide": lambda w: Read(
        R.TEAM_MANAGER,
        f"/staff/contacts/referrals/{w.referral_pending.pk}/",
        [Event(VIEWED, "referral", w.referral_pending.pk)],
    ),
    "customers:create": lambda w: Read(
        R.OFFICER,
        "/staff/customers/new/",
        [Event(LISTED, "customer", ids=[w.john.pk])],
        new_customer_like_john(),
        method="post",
    ),
    "customers:detail": lambda w: Read(
        R.OFFICER, f"/staff/customers/{w.john.pk}/", [Event(VIEWED, "customer", w.john.pk)]
    ),
    "customers:edit": lambda w: Read(
        R.OFFICER, f"/staff/customers/{w.john.pk}/edit/", [Event(VIEWED, "customer", w.john.pk)]
    ),
    "customers:search": lambda w: Read(
        R.OFFICER,
        "/staff/customers/",
        [Event(SEARCHED, "customer", ids=[w.john.pk], query="Jon Smyth")],
        {"q": "Jon Smyth"},
    ),
    "inbound:attachment": lambda w: Read(
        R.OFFICER,
        f"/staff/inbound/attachments/{w.attachment.pk}/",
        [Event(VIEWED, "inbound_attachment", w.attachment.pk)],
    ),
    "inbound:detail": lambda w: Read(
        R.OFFICER,
        f"/staff/inbound/{w.email.pk}/",
        # The email, and the search for its sender among the customers, which found no one.
        [Event(VIEWED, "inbound_email", w.email.pk), Event(SEARCHED, "customer", ids=[], query="stranger@example.net")],
    ),
    "inbound:to_match": lambda w: Read(
        R.OFFICER, "/staff/inbound/", [Event(LISTED, "inbound_email", ids=[w.email.pk])]
    ),
    "notifications:message": lambda w: Read(
        R.TEAM_MANAGER, f"/staff/notifications/{w.message.pk}/", [Event(VIEWED, "message", w.message.pk)]
    ),
    "notifications:outbox": lambda w: Read(
        R.TEAM_MANAGER, "/staff/notifications/", [Event(LISTED, "message", ids=[w.message.pk])]
    ),
    "satisfaction:record": lambda w: Read(
        R.OFFICER, f"/staff/satisfaction/contacts/{w.contact.pk}/", [Event(VIEWED, "contact", w.contact.pk)]
    ),
    "satisfaction:results_answers": lambda w: Read(
        R.TEAM_MANAGER,
        "/staff/satisfaction/results/answers/",
        [Event(LISTED, "survey_response", ids=[w.survey.pk])],
        {"by": "site", "key": w.site.pk, **period()},
    ),
    "servicerequests:detail": lambda w: Read(
        R.OFFICER,
        f"/staff/requests/{w.service_request.reference}/",
        [Event(VIEWED, "service_request", w.service_request.pk)],
    ),
    "servicerequests:queue": lambda w: Read(
        R.TEAM_MANAGER, "/staff/requests/queue/", [Event(LISTED, "service_request", ids=[w.service_request.pk])]
    ),
    "servicerequests:raise": lambda w: Read(
        R.OFFICER, "/staff/requests/new/", [Event(VIEWED, "customer", w.john.pk)], {"customer": w.john.pk}
    ),
}

# Staff pages that show no personal data, and why.
STAFF_NO_PERSONAL_DATA = {
    # Signing in and out; sign-in events are the accounts app's (issue 15, item 1).
    "accounts:login",
    "accounts:logout",
    # A member of staff's own sign-in: the second factor, their account and password. The administrators' lockout
    # list names staff accounts and addresses tried, like the admin's list of users (and each unlock is audited).
    "signin:verify",
    "signin:enrol",
    "signin:recovery_codes",
    "signin:account",
    "signin:password_change",
    "signin:lockouts",
    "signin:unlock",
    # The administrators' Staff pages: staff accounts, like the lockout list, and each change is audited; the
    # page a set-password link opens.
    "staff:active",
    "staff:add",
    "staff:list",
    "staff:member",
    "staff:password_reset",
    "staff:role",
    "staff:second_factor_reset",
    "staff:set_password",
    "staff:token_new",
    "staff:token_revoke",
    "staff:unlock",
    # Reference data about the council: services, structure, sites (staff names there are published contacts).
    "catalogue:index",
    "catalogue:service",
    "organisation:index",
    "organisation:sites",
    "organisation:client_service",
    "organisation:site",
    # Aggregates only, suppressed for those without `reports.exact` (docs/SECURITY.md, "Small numbers").
    "core:home",
    "complaints_reports:annual",
    "complaints_reports:annual_pdf",
    "complaints_reports:index",
    "contacts:actions_report",
    "contacts:contacts_report",
    "contacts:referrals_report",
    "performance:dashboard",
    "performance:definitions",
    "performance:statement",
    "performance:statements",
    "satisfaction:results",
    # Mystery shops score the council's own sites by its own shoppers; no resident is named.
    "mysteryshopping:cancel",
    "mysteryshopping:results_sites",
    "mysteryshopping:results_standards",
    "mysteryshopping:schedule",
    "mysteryshopping:shop",
    "mysteryshopping:shops",
    # Kiosks are devices bound to sites.
    "satisfaction:kiosk_revoke",
    "satisfaction:kiosk_start",
    "satisfaction:kiosks",
    # Writes or redirects that show nothing: completing an action (its page was listed), the saved-contact link.
    "contacts:action_complete",
    "satisfaction:record_lookup",
}

API_READS: dict[str, Callable[[World], Read]] = {
    "/api/customers": lambda w: Read(
        R.OFFICER,
        "/api/customers",
        [Event(SEARCHED, "customer", ids=[w.john.pk], query="07911 123456")],
        {"q": "07911 123456"},
        via="api",
    ),
    "/api/customers/{reference}": lambda w: Read(
        R.OFFICER, f"/api/customers/{w.john.reference}", [Event(VIEWED, "customer", w.john.pk)], via="api"
    ),
    "/api/contacts/{contact_id}": lambda w: Read(
        R.OFFICER, f"/api/contacts/{w.contact.pk}", [Event(VIEWED, "contact", w.contact.pk)], via="api"
    ),
    "/api/requests/queue": lambda w: Read(
        R.TEAM_MANAGER,
        "/api/requests/queue",
        [Event(LISTED, "service_request", ids=[w.service_request.pk])],
        via="api",
    ),
    "/api/requests/{reference}": lambda w: Read(
        R.OFFICER,
        f"/api/requests/{w.service_request.reference}",
        [Event(VIEWED, "service_request", w.service_request.pk)],
        via="api",
    ),
    "/api/complaints": lambda w: Read(
        R.HEAD_OF_SERVICE, "/api/complaints", [Event(LISTED, "complaint", ids=[w.complaint.pk])], via="api"
    ),
    "/api/complaints/{reference}": lambda w: Read(
        R.HEAD_OF_SERVICE,
        f"/api/complaints/{w.complaint.reference}",
        [Event(VIEWED, "complaint", w.complaint.pk)],
        via="api",
    ),
    "/api/satisfaction/responses": lambda w: Read(
        R.TEAM_MANAGER,
        "/api/satisfaction/responses",
        [Event(LISTED, "survey_response", ids=[w.survey.pk])],
        via="api",
    ),
}
# The catalogue is the council's published list of services.
API_NO_PERSONAL_DATA = {
    "/api/catalogue/services",
    "/api/catalogue/services/{service_id}",
    "/api/catalogue/lgsl",
    "/api/catalogue/lgsl/{code}",
}

ADMIN_READS: dict[str, Callable[[World], Read]] = {
    "audit.auditevent": lambda w: Read(
        R.ADMINISTRATOR,
        "/staff/admin/audit/auditevent/",
        [Event(LISTED, "audit_event", ids=list(AuditEvent.objects.values_list("pk", flat=True)[:100]))],
        superuser=True,  # no role grants the Django permission: the log's page for administrators is /staff/audit/
    ),
    "complaints.complaint": lambda w: Read(
        R.ADMINISTRATOR, "/staff/admin/complaints/complaint/", [Event(LISTED, "complaint", ids=[w.complaint.pk])]
    ),
    "complaints.complaint change": lambda w: Read(
        R.ADMINISTRATOR,
        f"/staff/admin/complaints/complaint/{w.complaint.pk}/change/",
        [Event(VIEWED, "complaint", w.complaint.pk)],
    ),
    "complaints.complaint search": lambda w: Read(
        R.ADMINISTRATOR,
        "/staff/admin/complaints/complaint/",
        [Event(SEARCHED, "complaint", ids=[w.complaint.pk], query=w.complaint.reference)],
        {"q": w.complaint.reference},
    ),
    "open311.open311submission": lambda w: Read(
        R.ADMINISTRATOR,
        "/staff/admin/open311/open311submission/",
        [Event(LISTED, "open311_submission", ids=[w.submission.pk])],
    ),
    "django_tasks_database.dbtaskresult": lambda w: Read(
        R.ADMINISTRATOR,
        "/staff/admin/django_tasks_database/dbtaskresult/",
        [Event(LISTED, "task_result", ids=[w.task_result])],
        superuser=True,  # the roles grant no Django permission on it: only a superuser reaches it
    ),
    "open311.open311submission change": lambda w: Read(
        R.ADMINISTRATOR,
        f"/staff/admin/open311/open311submission/{w.submission.pk}/change/",
        [Event(VIEWED, "open311_submission", w.submission.pk)],
    ),
}
# Models in Django's admin that hold no resident's personal data: reference data and configuration. Staff accounts
# and their tokens are on the Staff pages, not in the admin.
ADMIN_NO_PERSONAL_DATA = {
    "catalogue.contactpoint",
    "catalogue.councilservice",
    "catalogue.lgslservice",
    "complaints.complaintsteam",
    "complaints.complainttheme",
    "complaints.deadlinerule",
    "contacts.avoidablereason",
    "contacts.referralreason",
    "contacts.referralrule",
    "contacts.wrapupcode",
    "inbound.mailbox",
    "mysteryshopping.checklist",
    "mysteryshopping.standard",
    "notifications.messagetemplate",
    "organisation.clientservice",
    "organisation.directorate",
    "organisation.openinghours",
    "organisation.site",
    "organisation.siteclosure",
    "performance.rechargerate",
    "satisfaction.dissatisfactionreason",
    "satisfaction.kioskdevice",
    "servicerequests.questionset",
}


def _api_reads() -> set[str]:
    return {path for path, operations in api.get_openapi_schema()["paths"].items() if "get" in operations}


def test_every_staff_page_has_a_decision():
    pages = set(staff_pages())
    undecided = pages - set(STAFF_READS) - STAFF_NO_PERSONAL_DATA
    assert undecided == set(), "say whether these pages show personal data, and audit them if they do"
    assert (set(STAFF_READS) | STAFF_NO_PERSONAL_DATA) - pages == set(), "these pages no longer exist"
    assert set(STAFF_READS) & STAFF_NO_PERSONAL_DATA == set()


def test_every_api_read_has_a_decision():
    reads = _api_reads()
    assert reads - set(API_READS) - API_NO_PERSONAL_DATA == set(), "say whether these show personal data"
    assert (set(API_READS) | API_NO_PERSONAL_DATA) - reads == set(), "these operations no longer exist"


def test_every_admin_model_has_a_decision():
    models = {f"{model._meta.app_label}.{model._meta.model_name}" for model in django_admin.site._registry}
    audited = {name.split()[0] for name in ADMIN_READS}
    assert models - audited - ADMIN_NO_PERSONAL_DATA == set(), "say whether these hold personal data"
    assert (audited | ADMIN_NO_PERSONAL_DATA) - models == set(), "these models are no longer in the admin"


def _opened(read: Read, client) -> list[AuditEvent]:
    before = audit_last_pk()
    response = getattr(client, read.method)(read.url, read.params)
    assert response.status_code == 200, (read.url, response.status_code)
    return list(AuditEvent.objects.filter(pk__gt=before).order_by("pk"))


def _assert_events(read: Read, written: list[AuditEvent], actor) -> None:
    assert len(written) == len(read.events), [(e.action, e.record_type) for e in written]
    for event, expected in zip(written, read.events, strict=True):
        assert (event.action, event.record_type, event.actor, event.via) == (
            expected.action,
            expected.record_type,
            actor,
            read.via,
        )
        if expected.record_id is not None:
            assert event.record_id == str(expected.record_id)
        if expected.ids is not None:
            assert event.shown == len(expected.ids)
            assert event.record_ids == (f",{','.join(map(str, expected.ids))}," if expected.ids else "")
        if expected.query is not None:
            assert event.query == expected.query


@pytest.mark.parametrize("name", sorted(STAFF_READS))
def test_each_staff_page_showing_personal_data_audits_it_once(name, audit_world, staff, client_for):
    client = client_for(staff[STAFF_READS[name](audit_world).role])
    # Read after signing in, which is audited too: the audit log's own page lists that event.
    read = STAFF_READS[name](audit_world)
    _assert_events(read, _opened(read, client), staff[read.role])


@pytest.mark.parametrize("path", sorted(API_READS))
def test_each_api_read_of_personal_data_audits_it_once(path, audit_world, staff, api_for):
    read = API_READS[path](audit_world)
    client = api_for(read.role)
    _assert_events(read, _opened(read, client), staff[read.role])


@pytest.mark.parametrize("name", sorted(ADMIN_READS))
def test_each_admin_page_of_personal_data_audits_it_once(name, audit_world, staff, client_for):
    read = ADMIN_READS[name](audit_world)
    user = UserFactory(role=read.role, is_staff=True, is_superuser=True) if read.superuser else staff[read.role]
    client = client_for(user)
    # Read after signing in, which is audited too: the audit log's own admin list shows that event.
    read = ADMIN_READS[name](audit_world)
    read.via = "admin"
    _assert_events(read, _opened(read, client), user)
