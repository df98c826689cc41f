from collections.abc import Iterable

from servicefirst.customers.timeline import TimelineEntry
from servicefirst.notifications.models import MessageStatus
from servicefirst.notifications.selectors import messages_for_customer

_VERBS = {
    MessageStatus.QUEUED: "waiting to be sent",
    MessageStatus.STORED: "kept in the outbox",
    MessageStatus.SENT: "sent",
    MessageStatus.DELIVERED: "delivered",
    MessageStatus.FAILED: "not sent",
}


def messages(*, customer_id: int) -> Iterable[TimelineEntry]:
    for message in messages_for_customer(customer_id=customer_id):
        what = message.get_channel_display() or "Message"
        detail = [f"To {', '.join(message.recipient_lines)}" if message.recipient else ""]
        detail += [message.channel_reason, message.error if message.status == MessageStatus.FAILED else ""]
        yield TimelineEntry(
            at=message.sent_at or message.created_at,
            kind="Message to the customer",
            title=f"{what} {_VERBS[message.status]}: {message.summary}",
            client_service_id=message.council_service.client_service_id if message.council_service else None,
            status=message.get_status_display(),
            detail=". ".join(part for part in detail if part),
        )
