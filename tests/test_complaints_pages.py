"""The staff pages: who may open each, recording from the phone or desk, the caseload's order and filters, the
detail page's actions, statutory complaints kept to their team, and the customer's single view."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.complaints.models import Complaint, ComplaintStage, ComplaintStatus, FeedbackKind, Procedure
from servicefirst.complaints.services import complaint_acknowledge
from tests.factories import CouncilServiceFactory, make_customer
from tests.factories_complaints import complaints_officer, make_complaint

pytestmark = pytest.mark.django_db

FRONT_OFFICE = {Role.OFFICER, Role.TEAM_MANAGER, Role.COMPLAINTS_OFFICER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}
HANDLERS = {Role.COMPLAINTS_OFFICER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR}


@pytest.fixture
def customer(staff):
    return make_customer(staff[Role.OFFICER], first_name="Amara", last_name="Okafor")


@pytest.fixture
def complaint(staff, customer):
    return make_complaint(actor=staff[Role.OFFICER], customer=customer)


@pytest.fixture
def childrens(staff, customer):
    return make_complaint(
        actor=staff[Role.OFFICER], customer=customer, procedure=Procedure.CHILDREN, summary="Social worker visits"
    )


@pytest.mark.parametrize("role", list(Role))
def test_each_role_on_each_page(role, staff, client_for, complaint, customer):
    client = client_for(staff[role])
    pages = {
        reverse("complaints:record"): FRONT_OFFICE,
        f"{reverse('complaints:record')}?customer={customer.pk}": FRONT_OFFICE,
        reverse("complaints:caseload"): HANDLERS,
        reverse("complaints:detail", args=[complaint.reference]): HANDLERS,
    }
    for url, allowed in pages.items():
        assert client.get(url).status_code == (200 if role in allowed else 403), url


def test_signed_out_users_are_sent_to_sign_in(client, complaint):
    for url in (reverse("complaints:record"), reverse("complaints:caseload")):
        assert client.get(url).status_code == 302


def form(**fields) -> dict:
    return {
        "kind": "complaint",
        "procedure": "corporate",
        "summary": "Bin missed three weeks running",
        "details": "Blue bin not emptied",
        "channel": "phone",
    } | fields


def test_an_officer_records_a_complaint_from_the_single_view(staff, client_for, customer):
    response = client_for(staff[Role.OFFICER]).post(
        f"{reverse('complaints:record')}?customer={customer.pk}", form(), follow=True
    )
    complaint = Complaint.objects.get()
    # The officer may not open the complaint itself, so they go back to the customer with the reference.
    assert response.redirect_chain[-1][0] == reverse("customers:detail", args=[customer.pk])
    assert complaint.reference in response.content.decode()
    assert (complaint.customer, complaint.team.procedure, complaint.status) == (customer, "corporate", "received")
    assert complaint.recorded_by == staff[Role.OFFICER]


def test_a_compliment_needs_no_customer(staff, client_for):
    service = CouncilServiceFactory(name="Parks")
    response = client_for(staff[Role.OFFICER]).post(
        reverse("complaints:record"),
        form(kind="compliment", summary="Lovely park", council_service=service.pk, channel="email"),
    )
    assert response.status_code == 302
    compliment = Complaint.objects.get()
    assert compliment.reference.startswith("CPL-")
    assert (compliment.kind, compliment.customer, compliment.current_stage) == ("compliment", None, None)
    assert compliment.client_service == service.client_service


def test_a_complaint_without_a_customer_or_summary_shows_every_error_and_keeps_what_was_typed(staff, client_for):
    response = client_for(staff[Role.OFFICER]).post(
        reverse("complaints:record"), form(summary="", details="They were rude to me at the desk")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "A complaint needs the customer who made it" in page
    assert "Enter a summary" in page
    assert "They were rude to me at the desk" in page
    assert not Complaint.objects.exists()


def test_a_letter_received_earlier_counts_from_its_day(staff, client_for, customer):
    day = timezone.localdate() - datetime.timedelta(days=7)
    client_for(staff[Role.OFFICER]).post(
        f"{reverse('complaints:record')}?customer={customer.pk}",
        form(channel="letter", received_on_day=day.day, received_on_month=day.month, received_on_year=day.year),
    )
    assert timezone.localdate(Complaint.objects.get().received_at) == day


def test_a_date_received_in_the_future_is_refused(staff, client_for, customer):
    day = timezone.localdate() + datetime.timedelta(days=3)
    response = client_for(staff[Role.OFFICER]).post(
        f"{reverse('complaints:record')}?customer={customer.pk}",
        form(received_on_day=day.day, received_on_month=day.month, received_on_year=day.year),
    )
    assert "must not be in the future" in response.content.decode()
    assert not Complaint.objects.exists()


def test_opening_a_complaint_is_audited(staff, client_for, complaint):
    client_for(staff[Role.COMPLAINTS_OFFICER]).get(reverse("complaints:detail", args=[complaint.reference]))
    event = AuditEvent.objects.get(action="viewed", record_type="complaint")
    assert (event.actor, event.record_label) == (staff[Role.COMPLAINTS_OFFICER], complaint.reference)


def test_a_statutory_complaint_is_seen_only_by_its_team_the_head_of_service_and_administrators(
    staff, client_for, childrens, complaint
):
    url = reverse("complaints:detail", args=[childrens.reference])
    member = complaints_officer(procedure=Procedure.CHILDREN)
    adults_member = complaints_officer(procedure=Procedure.ADULTS)
    assert client_for(staff[Role.COMPLAINTS_OFFICER]).get(url).status_code == 404
    assert client_for(adults_member).get(url).status_code == 404
    for user in (member, staff[Role.HEAD_OF_SERVICE], staff[Role.ADMINISTRATOR]):
        assert client_for(user).get(url).status_code == 200
    caseload = client_for(staff[Role.COMPLAINTS_OFFICER]).get(reverse("complaints:caseload")).content.decode()
    assert complaint.reference in caseload
    assert childrens.reference not in caseload
    assert childrens.reference in client_for(member).get(reverse("complaints:caseload")).content.decode()
    assert not AuditEvent.objects.filter(record_label=childrens.reference, actor=staff[Role.COMPLAINTS_OFFICER])


def test_the_caseload_puts_overdue_first_then_soonest_due_and_filters(staff, client_for, customer):
    officer = staff[Role.OFFICER]
    now = timezone.now()
    late = make_complaint(
        actor=officer, customer=customer, summary="Late one", received_at=now - datetime.timedelta(days=30)
    )
    fresh = make_complaint(actor=officer, customer=customer, summary="Fresh one")
    middle = make_complaint(
        actor=officer, customer=customer, summary="Middle one", received_at=now - datetime.timedelta(days=2)
    )
    comment = make_complaint(actor=officer, kind=FeedbackKind.COMMENT, summary="A comment")
    client = client_for(staff[Role.COMPLAINTS_OFFICER])
    page = client.get(reverse("complaints:caseload")).content.decode()
    order = [page.index(c.reference) for c in (late, middle, fresh, comment)]
    assert order == sorted(order)
    overdue = client.get(reverse("complaints:caseload"), {"overdue": "on"}).content.decode()
    assert late.reference in overdue and fresh.reference not in overdue
    comments = client.get(reverse("complaints:caseload"), {"kind": "comment"}).content.decode()
    assert comment.reference in comments and late.reference not in comments
    bad = client.get(reverse("complaints:caseload"), {"stage": "9"})
    assert bad.status_code == 200 and "Select a stage from the list" in bad.content.decode()


def test_the_handler_acknowledges_and_responds_on_the_detail_page(staff, client_for, complaint):
    client = client_for(staff[Role.COMPLAINTS_OFFICER])
    url = reverse("complaints:detail", args=[complaint.reference])
    response = client.post(url, {"action": "acknowledge", "acknowledge-version": complaint.version}, follow=True)
    assert "Acknowledged. The response is due by" in response.content.decode()
    complaint.refresh_from_db()
    response = client.post(
        url,
        {
            "action": "respond",
            "respond-version": complaint.version,
            "respond-outcome": "partly_upheld",
            "respond-response": "We are sorry the bin was missed.",
            "respond-remedies": ["apology", "financial"],
            "respond-remedy_amount": "£25",
            "respond-learning_action": "Brief the crews on assisted collections",
            "respond-learning_owner": "Waste operations manager",
            "respond-learning_due_on_day": "1",
            "respond-learning_due_on_month": "3",
            "respond-learning_due_on_year": str(timezone.localdate().year + 1),
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome) == (ComplaintStatus.RESPONDED, "partly_upheld")
    assert sorted(complaint.remedies.values_list("kind", "amount")) == [("apology", None), ("financial", 25)]
    action = complaint.learning_actions.get()
    client.post(url, {"action": "learning_done", "learning_action": action.pk})
    action.refresh_from_db()
    assert action.done_by == staff[Role.COMPLAINTS_OFFICER]


def test_a_respond_without_outcome_shows_errors_and_keeps_the_draft(staff, client_for, complaint):
    response = client_for(staff[Role.COMPLAINTS_OFFICER]).post(
        reverse("complaints:detail", args=[complaint.reference]),
        {"action": "respond", "respond-version": complaint.version, "respond-response": "Draft reply text"},
    )
    page = response.content.decode()
    assert "Select whether the complaint is upheld" in page
    assert "Draft reply text" in page
    assert ComplaintStage.objects.get(complaint=complaint).responded_at is None


def test_an_action_on_an_old_copy_is_refused_and_the_typing_kept(staff, client_for, complaint):
    other = complaints_officer()
    complaint_acknowledge(actor=other, complaint_id=complaint.pk)
    response = client_for(staff[Role.COMPLAINTS_OFFICER]).post(
        reverse("complaints:detail", args=[complaint.reference]),
        {
            "action": "close",
            "close-version": complaint.version,
            "close-note": "Customer withdrew by phone",
        },
    )
    page = response.content.decode()
    assert "was changed by someone else since you loaded it" in page
    assert "Customer withdrew by phone" in page
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.INVESTIGATING


def test_the_single_view_offers_record_a_complaint_and_hides_statutory_ones_from_officers(
    staff, client_for, customer, complaint, childrens
):
    page = client_for(staff[Role.OFFICER]).get(reverse("customers:detail", args=[customer.pk])).content.decode()
    assert "Record a complaint" in page
    assert complaint.reference in page
    assert childrens.reference not in page
    client_service_view = client_for(staff[Role.CLIENT_SERVICE_OFFICER]).get(
        reverse("customers:detail", args=[customer.pk])
    )
    assert complaint.reference not in client_service_view.content.decode()


def test_a_statutory_complaint_shows_on_the_single_view_only_to_those_who_may_open_it(
    staff, client_for, customer, complaint, childrens
):
    def sees(user) -> bool:
        page = client_for(user).get(reverse("customers:detail", args=[customer.pk])).content.decode()
        assert complaint.reference in page
        return childrens.reference in page

    assert sees(complaints_officer(procedure=Procedure.CHILDREN))
    assert sees(staff[Role.HEAD_OF_SERVICE])
    assert sees(staff[Role.ADMINISTRATOR])
    assert not sees(staff[Role.COMPLAINTS_OFFICER])
    assert not sees(complaints_officer(procedure=Procedure.ADULTS))
    assert not sees(staff[Role.OFFICER])
