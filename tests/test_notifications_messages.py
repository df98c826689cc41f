"""Turning a customer_notifiable event into the customer's message: channel, fallbacks, templates, consent."""

import pytest
from django.core.exceptions import ValidationError

from servicefirst.core.events import customer_notifiable
from servicefirst.notifications.models import Message, MessageChannel, MessageStatus, MessageTemplate
from servicefirst.notifications.templating import MissingPersonalisation, template_render
from tests.factories import CouncilServiceFactory, LgslServiceFactory, make_customer
from tests.factories_notifications import MessageTemplateFactory

pytestmark = pytest.mark.django_db

ADDRESS = {"address_line_1": "1 Mare Street", "town": "London", "postcode": "E8 1EA"}
RAISED = {"due_date": "Friday 4 December 2026"}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def bins(client_service):
    return CouncilServiceFactory(
        lgsl=LgslServiceFactory(code=524, name="Bins - missed collection"),
        name="Missed bin collection",
        client_service=client_service,
    )


@pytest.fixture
def announce(django_capture_on_commit_callbacks, bins):
    """Sends the event as the announcing apps do, and runs what waits for the commit (the sending task)."""

    def send(customer, event="service_request.raised", personalisation=RAISED, **kwargs):
        arguments = {
            "event": event,
            "customer_id": customer.pk if customer else None,
            "council_service_id": bins.pk,
            "reference": "SR-2026-000123",
            "personalisation": personalisation,
        } | kwargs
        with django_capture_on_commit_callbacks(execute=True):
            customer_notifiable.send(sender=None, **arguments)
        return Message.objects.order_by("-pk").first()

    return send


def test_email_preference_sends_the_default_acknowledgement_by_email(announce):
    customer = make_customer(
        title="Mr", email="john@example.com", mobile_phone="07911 123456", preferred_channel="email"
    )
    message = announce(customer)
    assert message.channel == MessageChannel.EMAIL
    assert message.recipient == "john@example.com"
    assert message.channel_reason == ""
    assert message.subject == "We have received your request: SR-2026-000123"
    assert message.body.startswith("Dear Mr John Smith\n\nWe have received your request about Missed bin collection.")
    assert "We aim to deal with it by Friday 4 December 2026." in message.body
    assert message.body.endswith("Demo Borough Council")
    assert "((" not in message.subject + message.body
    assert message.status == MessageStatus.STORED
    assert message.backend == "outbox"
    assert message.reference == "SR-2026-000123"
    assert message.template == MessageTemplate.objects.get(event="service_request.raised", channel="email")


def test_text_preference_sends_to_the_mobile_number_in_e164(announce):
    customer = make_customer(
        email="john@example.com", mobile_phone="07911 123456", other_phone="020 8356 3000", preferred_channel="text"
    )
    message = announce(
        customer,
        event="service_request.updated",
        personalisation={"status": "In progress", "message": "A crew is on its way."},
    )
    assert (message.channel, message.recipient) == (MessageChannel.TEXT, "+447911123456")
    assert message.subject == ""
    assert message.body == (
        "Demo Borough Council: your request SR-2026-000123 about Missed bin collection is now: In progress. "
        "A crew is on its way."
    )


def test_letter_preference_stores_the_postal_address_for_printing(announce):
    customer = make_customer(email="john@example.com", preferred_channel="letter", **ADDRESS)
    message = announce(customer, event="service_request.resolved", personalisation={"message": "We emptied it."})
    assert message.channel == MessageChannel.LETTER
    assert message.recipient_lines == ["John Smith", "1 Mare Street", "London", "E8 1EA"]
    assert message.subject == "We have dealt with your request about Missed bin collection"
    assert "We emptied it." in message.body
    assert message.status == MessageStatus.STORED


def test_a_correspondence_address_wins_over_the_home_address(announce):
    customer = make_customer(preferred_channel="letter", **ADDRESS)
    customer.addresses.create(
        kind="correspondence", line_1="PO Box 12", town="Hackney", postcode="E8 2AA", is_primary=False
    )
    assert announce(customer).recipient_lines == ["John Smith", "PO Box 12", "Hackney", "E8 2AA"]


@pytest.mark.parametrize(
    ("fields", "channel", "reason"),
    [
        (
            {"preferred_channel": "phone", "email": "a@example.com", "mobile_phone": "07911123456"},
            "email",
            "Prefers phone, which cannot carry a written message, so this goes by email",
        ),
        (
            {"preferred_channel": "face_to_face", "mobile_phone": "07911123456", **ADDRESS},
            "text",
            "Prefers face to face, which cannot carry a written message, so this goes by text message",
        ),
        (
            {"preferred_channel": "phone", **ADDRESS},
            "letter",
            "Prefers phone, which cannot carry a written message, so this goes by letter",
        ),
        (
            {"mobile_phone": "07911123456"},
            "text",
            "No preferred way of contact is recorded, so this goes by text message",
        ),
        (
            {"other_phone": "020 8356 3000", "preferred_channel": "phone", **ADDRESS},
            "letter",
            "Prefers phone, which cannot carry a written message, so this goes by letter",
        ),
    ],
)
def test_channels_that_cannot_carry_a_message_fall_back_with_the_reason_recorded(announce, fields, channel, reason):
    message = announce(make_customer(**fields))
    assert message.channel == channel
    assert message.channel_reason == reason
    assert message.status == MessageStatus.STORED


def test_preferred_email_without_an_email_address_falls_back_to_text(announce):
    customer = make_customer(email="john@example.com", mobile_phone="07911123456", preferred_channel="email")
    customer.email_addresses.all().delete()
    message = announce(customer)
    assert (message.channel, message.recipient) == (MessageChannel.TEXT, "+447911123456")
    assert message.channel_reason == "Prefers email but has no email address, so this goes by text message"


def test_a_previous_address_is_not_used(announce):
    customer = make_customer(preferred_channel="letter", **ADDRESS)
    customer.addresses.update(kind="previous", is_primary=False)
    message = announce(customer)
    assert message.channel == ""
    assert message.status == MessageStatus.FAILED


def test_no_contact_detail_at_all_is_recorded_as_not_sent(announce):
    customer = make_customer(other_phone="020 8356 3000", preferred_channel="phone")
    message = announce(customer)
    assert message.customer == customer
    assert message.channel == ""
    assert message.recipient == ""
    assert message.status == MessageStatus.FAILED
    assert message.error == (
        "Prefers phone, which cannot carry a written message, and no email address, mobile number or address"
    )
    assert message.backend == ""


def test_anonymous_contacts_get_no_message(announce):
    assert announce(None) is None
    assert not Message.objects.exists()


def test_events_without_templates_make_no_message(announce):
    announce(make_customer(email="john@example.com"), event="contact.action_agreed")
    assert not Message.objects.exists()


def test_the_services_own_template_wins_over_the_general_one(announce, bins):
    MessageTemplateFactory(
        council_service=bins,
        subject="Missed bin ((reference))",
        body="Dear ((name)), put your bin out by 7am and we will come back by ((due_date)).",
    )
    other = CouncilServiceFactory(name="Street lighting")
    customer = make_customer(email="john@example.com", preferred_channel="email")

    own = announce(customer)
    assert own.subject == "Missed bin SR-2026-000123"
    assert own.body == "Dear John Smith, put your bin out by 7am and we will come back by Friday 4 December 2026."
    assert own.template.council_service == bins

    general = announce(customer, council_service_id=other.pk)
    assert general.subject == "We have received your request: SR-2026-000123"
    assert "about Street lighting" in general.body


def test_the_services_template_applies_only_on_its_channel(announce, bins):
    MessageTemplateFactory(council_service=bins, channel="text", body="Bin ((reference)) logged.")
    message = announce(make_customer(email="john@example.com", preferred_channel="email"))
    assert message.template.council_service is None


def test_missing_personalisation_is_recorded_and_never_sent(announce):
    customer = make_customer(email="john@example.com", preferred_channel="email")
    message = announce(customer, personalisation={})
    assert message.status == MessageStatus.FAILED
    assert message.error == "Missing personalisation: due_date"
    assert (message.subject, message.body) == ("", "")
    assert message.backend == ""


def test_a_value_of_none_counts_as_missing(announce):
    message = announce(make_customer(email="john@example.com"), personalisation={"due_date": None})
    assert message.error == "Missing personalisation: due_date"


def test_a_channel_without_a_template_is_recorded_as_not_sent(announce):
    MessageTemplate.objects.filter(event="service_request.raised", channel="text").delete()
    message = announce(make_customer(mobile_phone="07911123456", preferred_channel="text"))
    assert message.status == MessageStatus.FAILED
    assert message.error == "There is no text message template for service_request.raised"


def test_service_messages_need_no_consent_but_others_do(announce):
    customer = make_customer(email="john@example.com")
    assert not customer.contact_consent
    assert announce(customer).status == MessageStatus.STORED

    MessageTemplateFactory(
        event="survey.invited", subject="Tell us", body="How did we do, ((name))?", needs_consent=True
    )
    announce(customer, event="survey.invited")
    assert not Message.objects.filter(event="survey.invited").exists()

    customer.contact_consent = True
    customer.save()
    assert announce(customer, event="survey.invited").body == "How did we do, John Smith?"


def test_an_unknown_customer_does_not_break_the_announcing_app(announce):
    assert announce(None, customer_id=999_999) is None


def test_render_replaces_every_placeholder_and_names_each_missing_one():
    assert template_render(text="Dear (( name )), ref ((reference)).", values={"name": "Ann", "reference": "R1"}) == (
        "Dear Ann, ref R1."
    )
    with pytest.raises(MissingPersonalisation) as missing:
        template_render(text="((name)) ((due_date)) ((name)) ((update))", values={"name": "Ann"})
    assert missing.value.names == ["due_date", "update"]
    assert str(missing.value) == "Missing personalisation: due_date, update"


def test_templates_refuse_bad_placeholders_and_subjects_on_the_wrong_channel():
    with pytest.raises(ValidationError) as error:
        MessageTemplate(event="x", channel="email", subject="Hi ((first name))", body="((ok))").full_clean()
    assert "((first name))" in error.value.message_dict["subject"][0]
    with pytest.raises(ValidationError) as error:
        MessageTemplate(event="x", channel="text", subject="Hi", body="Hello").full_clean()
    assert "text messages have none" in str(error.value)
    with pytest.raises(ValidationError) as error:
        MessageTemplate(event="x", channel="letter", subject="", body="Hello").full_clean()
    assert "Emails and letters need a subject" in str(error.value)


def test_one_general_template_per_event_and_channel():
    with pytest.raises(ValidationError) as error:
        MessageTemplate(event="service_request.raised", channel="email", subject="Again", body="x").full_clean()
    assert "already a template for every service" in str(error.value)


def test_default_templates_cover_every_request_event_on_every_channel():
    assert {(t.event, t.channel) for t in MessageTemplate.objects.filter(council_service=None)} >= {
        (event, channel)
        for event in ("service_request.raised", "service_request.updated", "service_request.resolved")
        for channel in ("email", "text", "letter")
    }
