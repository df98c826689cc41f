"""One page view, one audit event (issue 22): the log recorded one visit to a complaint as "Viewed" three to
five times in a second, because each posted action opened the record (a view) before redirecting back to its page
(another). A record opened to change it now writes no view of its own; the change writes its event."""

import pytest

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from tests.factories_audit import audit_last_pk, new_customer_like_john

pytestmark = pytest.mark.django_db


R = Role
VIEWED, SEARCHED = "viewed", "searched"


def _actions_since(before: int) -> list[tuple[str, str]]:
    return list(AuditEvent.objects.filter(pk__gt=before).order_by("pk").values_list("action", "record_type"))


def test_acting_on_a_complaint_from_its_page_is_no_view_of_its_own(audit_world, staff, client_for):
    """Issue 22: one visit logged "Viewed complaint" 3 to 5 times in a second. The page's GET, then each posted
    action opened the complaint (a view) before redirecting back to the page (another). A posted action now
    writes no view: the page it came from was audited when shown, and the page it returns to is audited again."""
    client = client_for(staff[R.HEAD_OF_SERVICE])
    url = f"/staff/complaints/{audit_world.complaint.reference}/"
    before = audit_last_pk()
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"action": "acknowledge", "acknowledge-version": audit_world.complaint.version}, follow=True
    )
    assert response.redirect_chain == [(url, 302)]
    assert _actions_since(before) == [(VIEWED, "complaint"), (VIEWED, "complaint")]


def test_editing_a_customer_is_one_view_one_change_and_the_view_after(audit_world, staff, client_for):
    client = client_for(staff[R.OFFICER])
    url = f"/staff/customers/{audit_world.john.pk}/edit/"
    before = audit_last_pk()
    assert client.get(url).status_code == 200
    data = {**new_customer_like_john(), "first_name": "Jon", "version": audit_world.john.version}
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(f"/staff/customers/{audit_world.john.pk}/", 302)]
    assert _actions_since(before) == [(VIEWED, "customer"), ("updated", "customer"), (VIEWED, "customer")]


def test_a_change_through_the_api_is_no_view(audit_world, staff, api_for):
    client = api_for(R.OFFICER)
    before = audit_last_pk()
    response = client.patch(
        f"/api/customers/{audit_world.john.reference}",
        {"first_name": "Jon", "version": audit_world.john.version},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert _actions_since(before) == [("updated", "customer")]


def test_a_search_is_recorded_with_its_query_even_when_it_finds_no_one(audit_world, staff, client_for):
    client = client_for(staff[R.OFFICER])
    before = audit_last_pk()
    assert client.get("/staff/customers/", {"q": "Zebedee Quixote"}).status_code == 200
    event = AuditEvent.objects.get(pk__gt=before)
    assert (event.action, event.query, event.shown, event.record_ids) == (SEARCHED, "Zebedee Quixote", 0, "")


def test_an_empty_list_shows_no_one_and_is_not_recorded(staff, client_for):
    client = client_for(staff[R.TEAM_MANAGER])
    before = audit_last_pk()
    assert client.get("/staff/notifications/").status_code == 200
    assert _actions_since(before) == []
