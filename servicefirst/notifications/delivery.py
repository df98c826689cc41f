"""Handing a queued message to the configured backend. Runs in the background task, so a provider that
is down or refuses the message never stops an officer's work; the failure is kept on the message."""

import datetime
import logging

from django.utils import timezone

from servicefirst.notifications.backends import backend_get
from servicefirst.notifications.models import Message, MessageStatus

logger = logging.getLogger(__name__)


def message_deliver(*, message_id: int) -> None:
    queued = Message.objects.filter(pk=message_id, status=MessageStatus.QUEUED, backend="")
    try:
        backend = backend_get()
    except Exception as error:
        logger.exception("No message backend for message %s", message_id)
        queued.update(status=MessageStatus.FAILED, error=f"The message service is not set up: {error}")
        return
    # Claiming the message with one conditional update, rather than holding a row lock over the network
    # call, means a task run twice sends once and no lock is held while the provider answers.
    if not queued.update(backend=backend.name):
        return
    message = Message.objects.get(pk=message_id)
    try:
        handover = backend.send(message)
    except Exception as error:
        logger.warning("Message %s was not sent: %s", message_id, error)
        Message.objects.filter(pk=message_id).update(
            status=MessageStatus.FAILED, error=str(error) or type(error).__name__
        )
        return
    Message.objects.filter(pk=message_id).update(
        status=handover.status,
        provider_id=handover.provider_id,
        sent_at=timezone.now() if handover.status == MessageStatus.SENT else None,
    )


def messages_delivery_refresh(*, since: datetime.datetime) -> int:
    """Asks the provider what became of messages handed over since then; returns how many changed.

    Notify keeps messages for 7 days, so older ones are not asked about."""
    backend = backend_get()
    changed = 0
    sent = Message.objects.filter(status=MessageStatus.SENT, backend=backend.name, sent_at__gte=since).exclude(
        provider_id=""
    )
    for message in sent.iterator():
        try:
            outcome = backend.delivery_status(message)
        except Exception:
            logger.exception("Could not ask about message %s", message.pk)
            continue
        if outcome is not None:
            status, error = outcome
            changed += Message.objects.filter(pk=message.pk, status=MessageStatus.SENT).update(
                status=status, error=error
            )
    return changed
