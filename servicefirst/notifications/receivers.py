import logging

from servicefirst.notifications.services import message_create_for_event

logger = logging.getLogger(__name__)


def customer_notifiable_received(
    sender,
    *,
    event: str,
    customer_id: int | None,
    council_service_id: int | None = None,
    reference: str = "",
    personalisation: dict | None = None,
    **kwargs,
) -> None:
    """The announcing app has already committed the officer's work, so nothing here may undo or break it."""
    try:
        message_create_for_event(
            event=event,
            customer_id=customer_id,
            council_service_id=council_service_id,
            reference=reference,
            personalisation=personalisation,
        )
    except Exception:
        logger.exception("Could not make the %s message for customer %s", event, customer_id)
