"""Sending: the outbox keeps messages; GOV.UK Notify is exercised against a real HTTP server started here,
which checks the JSON Web Token and the request body as Notify does."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from servicefirst.core.events import customer_notifiable
from servicefirst.notifications.delivery import message_deliver
from servicefirst.notifications.models import Message, MessageStatus, MessageTemplate
from tests.factories import CouncilServiceFactory, make_customer

pytestmark = pytest.mark.django_db

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
API_KEY = f"servicefirst_test-{SERVICE_ID}-{SECRET}"
NOTIFY_TEMPLATE_ID = str(uuid.uuid4())
ADDRESS = {"address_line_1": "1 Mare Street", "address_line_2": "Hackney", "town": "London", "postcode": "E8 1EA"}


class FakeNotify(BaseHTTPRequestHandler):
    """Answers as GOV.UK Notify's v2 API does: 403 for a bad token, otherwise the configured answer."""

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.token_valid():
            self.server.received.append({"path": self.path, "headers": dict(self.headers), "json": body})
            self.answer(*self.server.answer)

    def do_GET(self) -> None:
        notification_id = self.path.removeprefix("/v2/notifications/")
        if self.token_valid():
            self.answer(200, {"id": notification_id, "status": self.server.statuses[notification_id]})

    def token_valid(self) -> bool:
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
            assert claims["iss"] == SERVICE_ID
            assert "iat" in claims
        except (jwt.InvalidTokenError, AssertionError, KeyError):
            self.answer(403, {"status_code": 403, "errors": [{"error": "AuthError", "message": "Invalid token"}]})
            return False
        return True

    def answer(self, status: int, answer: dict) -> None:
        payload = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture
def notify_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNotify)
    server.received = []
    server.statuses = {}
    server.notification_id = str(uuid.uuid4())
    server.answer = (201, {"id": server.notification_id, "reference": "SR-2026-000123", "content": {}})
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def notify(settings, notify_server):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.NOTIFICATIONS_BACKEND = "servicefirst.notifications.backends.NotifyBackend"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{notify_server.server_port}"
    MessageTemplate.objects.filter(council_service=None).update(notify_template_id=NOTIFY_TEMPLATE_ID)
    return notify_server


@pytest.fixture
def announce(django_capture_on_commit_callbacks, client_service):
    service = CouncilServiceFactory(name="Missed bin collection", client_service=client_service)

    def send(customer, event="service_request.raised", personalisation=None):
        with django_capture_on_commit_callbacks(execute=True):
            customer_notifiable.send(
                sender=None,
                event=event,
                customer_id=customer.pk,
                council_service_id=service.pk,
                reference="SR-2026-000123",
                personalisation=personalisation or {"due_date": "4 December 2026"},
            )
        return Message.objects.order_by("-pk").first()

    return send


def test_email_goes_to_notify_with_the_template_values_and_a_signed_token(notify, announce):
    message = announce(make_customer(email="john@example.com", preferred_channel="email"))
    assert message.status == MessageStatus.SENT
    assert message.backend == "notify"
    assert message.provider_id == notify.notification_id
    assert message.sent_at is not None
    [request] = notify.received
    assert request["path"] == "/v2/notifications/email"
    assert request["headers"]["Content-type"] == "application/json"
    assert request["headers"]["User-agent"] == "NOTIFY-API-PYTHON-CLIENT/10.0.1"
    assert request["json"] == {
        "email_address": "john@example.com",
        "template_id": NOTIFY_TEMPLATE_ID,
        "reference": "SR-2026-000123",
        "personalisation": {
            "name": "John Smith",
            "reference": "SR-2026-000123",
            "service": "Missed bin collection",
            "council_name": "Demo Borough Council",
            "due_date": "4 December 2026",
            # Notify's template has the placeholder too; a request not raised from a contact has no survey.
            "survey_invitation": "",
        },
    }


def test_text_goes_to_notify_as_an_sms_to_the_e164_number(notify, announce):
    message = announce(make_customer(mobile_phone="07911 123456", preferred_channel="text"))
    assert message.status == MessageStatus.SENT
    [request] = notify.received
    assert request["path"] == "/v2/notifications/sms"
    assert request["json"]["phone_number"] == "+447911123456"
    assert request["json"]["template_id"] == NOTIFY_TEMPLATE_ID


def test_letter_goes_to_notify_with_the_address_lines(notify, announce):
    message = announce(make_customer(preferred_channel="letter", **ADDRESS))
    assert message.status == MessageStatus.SENT
    [request] = notify.received
    assert request["path"] == "/v2/notifications/letter"
    personalisation = request["json"]["personalisation"]
    assert [personalisation[f"address_line_{n}"] for n in range(1, 6)] == [
        "John Smith",
        "1 Mare Street",
        "Hackney",
        "London",
        "E8 1EA",
    ]
    assert "address_line_6" not in personalisation
    assert personalisation["due_date"] == "4 December 2026"


def test_a_refusal_by_notify_is_recorded_on_the_message(notify, announce):
    notify.answer = (
        400,
        {
            "status_code": 400,
            "errors": [
                {"error": "BadRequestError", "message": "Can't send to this recipient using a team-only API key"}
            ],
        },
    )
    message = announce(make_customer(email="john@example.com"))
    assert message.status == MessageStatus.FAILED
    assert message.error == (
        "GOV.UK Notify refused the message (400): Can't send to this recipient using a team-only API key"
    )
    assert message.provider_id == ""
    assert message.sent_at is None


def test_a_wrong_api_key_is_refused_by_the_token_check_and_recorded(settings, notify, announce):
    settings.NOTIFY_API_KEY = f"servicefirst_test-{SERVICE_ID}-{uuid.uuid4()}"
    message = announce(make_customer(email="john@example.com"))
    assert message.status == MessageStatus.FAILED
    assert message.error == "GOV.UK Notify refused the message (403): Invalid token"
    assert notify.received == []


def test_notify_out_of_reach_is_recorded(settings, notify, announce):
    notify.shutdown()
    notify.server_close()
    message = announce(make_customer(email="john@example.com"))
    assert message.status == MessageStatus.FAILED
    assert message.error.startswith("GOV.UK Notify refused the message (503)")


def test_a_template_without_a_notify_id_is_recorded_and_nothing_is_sent(notify, announce):
    MessageTemplate.objects.update(notify_template_id="")
    message = announce(make_customer(email="john@example.com"))
    assert message.status == MessageStatus.FAILED
    assert message.error == "The message template has no GOV.UK Notify template ID"
    assert notify.received == []


def test_notify_without_an_api_key_is_recorded(settings, notify, announce):
    settings.NOTIFY_API_KEY = ""
    message = announce(make_customer(email="john@example.com"))
    assert message.status == MessageStatus.FAILED
    assert message.error == (
        "The message service is not set up: NOTIFY_API_KEY must be set to send messages through GOV.UK Notify"
    )


def test_a_message_is_sent_once_even_if_its_task_runs_twice(notify, announce):
    message = announce(make_customer(email="john@example.com"))
    message_deliver(message_id=message.pk)
    assert len(notify.received) == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


def test_the_outbox_stores_messages_without_sending_them(settings, announce):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    message = announce(make_customer(email="john@example.com"))
    assert message.status == MessageStatus.STORED
    assert message.backend == "outbox"
    assert message.provider_id == ""
    assert message.sent_at is None


def test_sending_is_queued_for_the_worker_only_when_the_transaction_commits(
    django_capture_on_commit_callbacks, announce
):
    customer = make_customer(email="john@example.com")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        customer_notifiable.send(
            sender=None,
            event="service_request.resolved",
            customer_id=customer.pk,
            council_service_id=None,
            reference="SR-2026-000124",
            personalisation={"message": "We emptied the bin.", "service": "Missed bin collection"},
        )
    message = Message.objects.get(reference="SR-2026-000124")
    assert not DBTaskResult.objects.exists()
    for callback in callbacks:
        callback()
    task = DBTaskResult.objects.get()
    assert task.task_path == "servicefirst.notifications.tasks.message_send"
    assert task.args_kwargs == {"args": [], "kwargs": {"message_id": message.pk}}
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED


@pytest.mark.parametrize(
    ("notify_status", "status", "error"),
    [
        ("delivered", MessageStatus.DELIVERED, ""),
        ("sending", MessageStatus.SENT, ""),
        (
            "permanent-failure",
            MessageStatus.FAILED,
            "GOV.UK Notify could not deliver it: the email address, phone number or address is wrong or does not exist",
        ),
    ],
)
def test_refreshing_records_what_notify_says_became_of_each_message(notify, announce, notify_status, status, error):
    message = announce(make_customer(email="john@example.com"))
    notify.statuses[message.provider_id] = notify_status
    call_command("notifications_refresh")
    message.refresh_from_db()
    assert (message.status, message.error) == (status, error)


def test_refreshing_asks_nothing_of_the_outbox(settings, announce):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    message = announce(make_customer(email="john@example.com"))
    call_command("notifications_refresh")
    message.refresh_from_db()
    assert message.status == MessageStatus.STORED
