"""The demo borough: `seed_demo` on an empty database loads eight weeks of contact centre work through the
services, with the same figures on every run, and a second run adds nothing. One test, as each load takes
seconds."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from faker.providers.person.en_GB import Provider

from servicefirst.catalogue.models import CouncilService
from servicefirst.complaints.models import Complaint
from servicefirst.complaints.selectors import complaints_corporate
from servicefirst.contacts.models import AgreedAction, Contact, ContactDirection, Referral
from servicefirst.core.channels import ContactChannel
from servicefirst.customers.models import Customer
from servicefirst.customers.timeline import timeline_entries
from servicefirst.demo.complaint_summaries import BY_SERVICE, GENERAL
from servicefirst.demo.second_factor import demo_totp_secret
from servicefirst.mysteryshopping.models import MysteryShop
from servicefirst.notifications.models import Message
from servicefirst.organisation.models import SiteClosure
from servicefirst.performance.models import RequestDayFact
from servicefirst.satisfaction.models import SurveyResponse
from servicefirst.servicerequests.models import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    QuestionSet,
    ServiceRequest,
    ServiceRequestEvent,
)
from servicefirst.servicerequests.selectors import service_request_open_counts

MODELS = (
    Customer,
    Contact,
    Referral,
    AgreedAction,
    ServiceRequest,
    ServiceRequestEvent,
    Message,
    QuestionSet,
    SurveyResponse,
    Complaint,
    MysteryShop,
)


def seed(capture) -> str:
    out = StringIO()
    # Notifications makes its messages once the seed commits; the test's transaction never does, so run them here.
    with capture(execute=True):
        call_command("seed_demo", customers=150, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def today():
    return timezone.localdate()


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_shows_a_living_contact_centre_and_loads_once(django_capture_on_commit_callbacks, today):
    output = seed(django_capture_on_commit_callbacks)

    assert "Logged 420 contacts over 8 weeks: 60 service requests, 36 referrals and 40 agreed actions" in output
    # It says what it is doing as it goes, step by step, so minutes of loading never look like a hang.
    assert "Creating 150 demo customers…\nCreated 150 demo customers\n  done in " in output
    assert output.count("  done in ") == 6
    # The demo's head and administrator have the published demo key as their second factor, and the list says so.
    assert f"head, admin also give a code from an authenticator app: add the demo key {demo_totp_secret()}" in output
    assert SurveyResponse.objects.exists()
    assert Complaint.objects.count() == 850
    assert MysteryShop.objects.count() == 175
    contacts = Contact.objects.all()
    assert Counter(contacts.values_list("outcome", flat=True)) == {
        "resolved_first_contact": 280,
        "service_request_raised": 60,
        "referred": 36,
        "signposted": 30,
        "failed": 14,
    }
    assert set(contacts.values_list("channel", flat=True)) == set(ContactChannel.values)
    assert contacts.filter(direction=ContactDirection.OUTBOUND).count() == 16
    assert Counter(contacts.filter(is_avoidable=True).values_list("avoidable_reason__code", flat=True)) == {
        "chasing-progress": 24,
        "wrong-number": 8,
        "not-called-back": 6,
        "unclear-letter": 6,
        "information-online": 6,
        "duplicate": 2,
    }
    assert contacts.filter(is_repeat=True).count() >= 30
    assert not contacts.filter(wrap_up_code__isnull=True).exists()
    assert not contacts.filter(channel=ContactChannel.FACE_TO_FACE, site__isnull=True).exists()
    assert contacts.filter(contact_point__isnull=False).count() > 200
    for contact in contacts:
        start, end = timezone.localtime(contact.started_at), timezone.localtime(contact.ended_at)
        assert today - datetime.timedelta(weeks=8) <= start.date() < today
        assert start.weekday() < 5 and datetime.time(8, 30) <= start.time() < datetime.time(17, 0)
        assert contact.created_at == contact.ended_at and end > start

    referrals = Referral.objects.all()
    benefits = referrals.filter(client_service__code="benefits")
    assert Counter(benefits.values_list("status", flat=True)) == {"pending_authorisation": 5, "declined": 3, "sent": 6}
    assert referrals.exclude(client_service__code="benefits").filter(status="sent").count() == 22

    requests = ServiceRequest.objects.all()
    assert Counter(requests.values_list("status", flat=True)) == {
        "new": 8,
        "assigned": 8,
        "in_progress": 10,
        "awaiting_customer": 6,
        "reopened": 4,
        "resolved": 10,
        "closed": 14,
    }
    assert requests.filter(status__in=OPEN_STATUSES, due_on__lt=today).count() == 10
    # Two of those await the customer, so their SLA is paused and they are not overdue.
    counts = service_request_open_counts()
    assert (counts.overdue, counts.paused) == (8, 6)
    assert sum(request.breached for request in requests.filter(status__in=FINISHED_STATUSES)) == 4
    officers = Counter(requests.exclude(status="new").values_list("client_service__code", "assigned_officer__username"))
    assert officers[("waste", "waste.officer")] > 20 and officers[("parking", "parking.officer")] > 10
    assert {service for service, _ in officers} == {"waste", "parking", "streetscene"}
    assert not requests.filter(contact__isnull=True).exists()
    assert QuestionSet.objects.count() == 5
    assert all(r.answers for r in requests.filter(council_service__question_set__isnull=False))
    assert ServiceRequestEvent.objects.filter(kind="note", visibility="public").count() == 10

    actions = AgreedAction.objects.all()
    assert actions.count() == 40
    assert actions.filter(completed_at__isnull=False).count() == 14
    assert actions.filter(completed_at__isnull=True, due_on__lt=today).count() == 12
    assert actions.filter(completed_at__isnull=True, due_on__gte=today).count() == 14

    acknowledgements = Message.objects.filter(event="service_request.raised")
    assert acknowledgements.count() == requests.filter(customer__isnull=False).count()
    for message in acknowledgements:
        assert message.created_at == requests.get(reference=message.reference).received_at

    smith = Customer.objects.get(first_name="John", last_name="Smith", date_of_birth=datetime.date(1958, 3, 14))
    first, second, *_ = timeline_entries(customer_id=smith.pk)
    assert (first.kind, first.status, first.is_open) == ("Agreed action", "Overdue", True)
    assert (second.kind, second.status, second.is_open) == ("Service request", "In progress", True)
    assert smith.contacts.filter(is_repeat=True).count() == 1

    # Whenever the demo is loaded, each site that closes has a closure still to come.
    upcoming = SiteClosure.objects.filter(ends_on__gte=today)
    assert set(upcoming.values_list("site__code", flat=True)) == {"east", "west", "north"}

    _the_records_agree_with_each_other(today)

    # Loading twice (make demo on every start) adds nothing.
    before = {model: model.objects.count() for model in MODELS}
    assert "Demo borough already loaded." in seed(django_capture_on_commit_callbacks)
    assert {model: model.objects.count() for model in MODELS} == before


# Street types of American towns, which Faker's en_GB streets mix in and no London borough has.
US_STREET_SUFFIXES = ("Prairie", "Ville", "Crossing", "Mountains", "Forks", "Vista", "Track", "Mission", "Canyon")
NOT_FOR_MEN, NOT_FOR_WOMEN = ("Mrs", "Ms", "Miss"), ("Mr",)


def _the_records_agree_with_each_other(today):
    """What issue 22 found contradicting itself in the demo: titles, streets, and dates out of their record's order."""
    now = timezone.now()
    people = Customer.objects.filter(kind="person").exclude(title__in=["", "Dr", "Mx"])
    titles = set(people.values_list("title", flat=True))
    assert titles == {"Mr", "Mrs", "Ms", "Miss"}
    for customer in people.exclude(first_name="Siobhán"):
        fake_sex = _first_name_sex(customer.first_name)
        if fake_sex is not None:
            assert customer.title not in (NOT_FOR_MEN if fake_sex == "male" else NOT_FOR_WOMEN), customer

    for line in Customer.objects.values_list("addresses__line_1", flat=True):
        assert not any(line.endswith(suffix) for suffix in US_STREET_SUFFIXES), line

    for customer in Customer.objects.filter(contacts__isnull=False).distinct():
        assert customer.created_at < min(c.started_at for c in customer.contacts.all()), customer

    for request in ServiceRequest.objects.all():
        events = list(request.events.order_by("pk").values_list("at", flat=True))
        assert events == sorted(events) and request.received_at <= events[0] and events[-1] <= now, request
        if request.resolved_at is not None:
            assert request.received_at < request.resolved_at <= now
    for message in Message.objects.exclude(reference=""):
        assert message.created_at <= now, message
    for complaint in Complaint.objects.prefetch_related("events"):
        for event in complaint.events.all():
            assert complaint.received_at <= event.at <= now, (complaint.reference, event.kind)
    complaint_messages = Message.objects.filter(event__startswith="complaint.")
    assert complaint_messages.exists()
    received = dict(Complaint.objects.values_list("reference", "received_at"))
    for message in complaint_messages:
        assert received[message.reference] <= message.created_at <= now, message.reference
    assert AgreedAction.objects.filter(completed_at__date__lt=today).exists()
    assert not AgreedAction.objects.filter(completed_at__gt=now).exists()

    # Resolutions are spread over the eight weeks, so the month before this one has some (issue 22: "Resolved 0").
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    assert RequestDayFact.objects.filter(day__gte=last_month, day__lt=today.replace(day=1), resolved__gt=0).exists()

    # Each complaint's summary is one of its service's own, or one any service may have.
    codes = dict(CouncilService.objects.values_list("pk", "lgsl__code"))
    general = {summary for _, summary in GENERAL}
    for service_id, summary in complaints_corporate().values_list("council_service_id", "summary"):
        own = {text for _, text in BY_SERVICE.get(codes[service_id], ())}
        assert summary in own | general, (codes[service_id], summary)


def _first_name_sex(name: str) -> str | None:
    """The usual sex of a first name by Faker's en_GB lists, or None when they hold it as both or neither."""
    males, females = set(Provider.first_names_male), set(Provider.first_names_female)
    if name in males and name not in females:
        return "male"
    if name in females and name not in males:
        return "female"
    return None
