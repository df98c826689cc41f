"""Where messages go. The NOTIFICATIONS_BACKEND setting names the class; the outbox is the default so that
nothing leaves the building until a council has set up GOV.UK Notify."""

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from servicefirst.notifications.models import Message, MessageChannel, MessageStatus

# GOV.UK Notify prints at most seven address lines on a letter.
_NOTIFY_ADDRESS_LINES = 7


@dataclass(frozen=True)
class Handover:
    status: str
    provider_id: str = ""


class MessageBackend(Protocol):
    name: str

    def send(self, message: Message) -> Handover:
        """Hands the message over, or raises an exception whose text says what went wrong."""

    def delivery_status(self, message: Message) -> tuple[str, str] | None:
        """The message's status and any error as the provider now knows it, or None while it is on its way."""


class OutboxBackend:
    """Keeps every message in the outbox, where staff read them and print letters for the post."""

    name = "outbox"

    def send(self, message: Message) -> Handover:
        return Handover(status=MessageStatus.STORED)

    def delivery_status(self, message: Message) -> tuple[str, str] | None:
        return None


class NotifyBackend:
    """Sends through GOV.UK Notify with the template whose ID the message carries."""

    name = "notify"

    def __init__(self) -> None:
        api_key = settings.NOTIFY_API_KEY
        if not api_key:
            raise ImproperlyConfigured("NOTIFY_API_KEY must be set to send messages through GOV.UK Notify")
        self.client = NotificationsAPIClient(api_key, base_url=settings.NOTIFY_BASE_URL)

    def send(self, message: Message) -> Handover:
        if not message.notify_template_id:
            raise ValueError("The message template has no GOV.UK Notify template ID")
        common = {
            "template_id": message.notify_template_id,
            "personalisation": message.personalisation,
            "reference": message.reference or None,
        }
        try:
            if message.channel == MessageChannel.EMAIL:
                response = self.client.send_email_notification(email_address=message.recipient, **common)
            elif message.channel == MessageChannel.TEXT:
                response = self.client.send_sms_notification(phone_number=message.recipient, **common)
            else:
                lines = message.recipient_lines
                if len(lines) > _NOTIFY_ADDRESS_LINES:
                    lines = [*lines[: _NOTIFY_ADDRESS_LINES - 1], lines[-1]]
                address = {f"address_line_{n}": line for n, line in enumerate(lines, start=1)}
                common["personalisation"] = address | message.personalisation
                response = self.client.send_letter_notification(**common)
        except APIError as error:
            raise RuntimeError(
                f"GOV.UK Notify refused the message ({error.status_code}): {_notify_reason(error)}"
            ) from error
        return Handover(status=MessageStatus.SENT, provider_id=response["id"])

    def delivery_status(self, message: Message) -> tuple[str, str] | None:
        notification = self.client.get_notification_by_id(message.provider_id)
        status = notification["status"]
        if status in _NOTIFY_DELIVERED:
            return MessageStatus.DELIVERED, ""
        if status in _NOTIFY_FAILURES:
            return MessageStatus.FAILED, f"GOV.UK Notify could not deliver it: {_NOTIFY_FAILURES[status]}"
        return None


# GOV.UK Notify's final statuses, from its API documentation ("Get message status"); any other status
# means the message is still on its way.
_NOTIFY_DELIVERED = {"delivered", "received"}
_NOTIFY_FAILURES = {
    "permanent-failure": "the email address, phone number or address is wrong or does not exist",
    "temporary-failure": "the inbox was full or the phone was off; try again later",
    "technical-failure": "a technical problem at GOV.UK Notify",
    "validation-failed": "the letter failed Notify's checks",
    "virus-scan-failed": "the letter failed Notify's virus check",
    "cancelled": "it was cancelled in GOV.UK Notify",
}


def _notify_reason(error: APIError) -> str:
    message = error.message
    if isinstance(message, list):
        return "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in message)
    return str(message)


def backend_get() -> MessageBackend:
    return import_string(settings.NOTIFICATIONS_BACKEND)()
