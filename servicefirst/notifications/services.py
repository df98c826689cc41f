"""Making messages for customers and recording who read them. Sending happens in the background
(`tasks.message_send`), after the officer's transaction has committed."""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from servicefirst.audit.services import record_open
from servicefirst.catalogue.selectors import council_service_get
from servicefirst.customers.selectors import customer_detail
from servicefirst.notifications.models import Message, MessageChannel, MessageStatus
from servicefirst.notifications.personalisation import personalisation_values
from servicefirst.notifications.selectors import (
    message_event_has_templates,
    message_get,
    message_route,
    message_template_for,
)
from servicefirst.notifications.tasks import message_send
from servicefirst.notifications.templating import MissingPersonalisation, template_render

logger = logging.getLogger(__name__)


def _values(
    *, customer, channel: str, council_service_id: int | None, reference: str, personalisation: dict
) -> dict[str, str]:
    """What every template may use, overlaid by what the event gave; a value of None counts as not given."""
    values = {"name": customer.display_name, "council_name": settings.COUNCIL_NAME}
    if reference:
        values["reference"] = reference
    if council_service_id is not None:
        values["service"] = council_service_get(pk=council_service_id).name
    values |= personalisation_values(
        customer=customer, channel=channel, council_service_id=council_service_id, reference=reference
    )
    return values | {key: str(value) for key, value in personalisation.items() if value is not None}


@transaction.atomic
def message_create_for_event(
    *,
    event: str,
    customer_id: int | None,
    council_service_id: int | None = None,
    reference: str = "",
    personalisation: dict | None = None,
) -> Message | None:
    """Makes the customer's message for an event and queues it to be sent once this transaction commits.

    Nothing is made for an anonymous contact, for an event the council has no templates for, or when the
    template needs consent the customer has not given. Every message is about the customer's own request
    unless its template is marked as needing consent (news, surveys), so it needs no marketing consent.
    A message that cannot be sent (no way to reach the customer, no template for the channel, a value
    missing) is kept as "not sent" with the reason, so a manager sees it in the outbox.
    """
    if customer_id is None or not message_event_has_templates(event=event):
        return None
    customer = customer_detail(customer_id=customer_id)
    route = message_route(customer=customer)
    template = (
        message_template_for(event=event, channel=route.channel, council_service_id=council_service_id)
        if route.channel
        else None
    )
    if template is not None and template.needs_consent and not customer.contact_consent:
        logger.info("No %s message for customer %s: they have not agreed to be contacted", event, customer_id)
        return None
    values = _values(
        customer=customer,
        channel=route.channel,
        council_service_id=council_service_id,
        reference=reference,
        personalisation=personalisation or {},
    )
    message = Message(
        customer=customer,
        council_service_id=council_service_id,
        template=template,
        event=event,
        channel=route.channel,
        channel_reason=route.reason,
        recipient=route.recipient,
        reference=reference,
        personalisation=values,
        notify_template_id=template.notify_template_id if template else "",
    )
    if not route.channel:
        message.status, message.error = MessageStatus.FAILED, route.reason
    elif template is None:
        label = MessageChannel(route.channel).label.lower()
        message.status, message.error = MessageStatus.FAILED, f"There is no {label} template for {event}"
    else:
        try:
            subject = template_render(text=template.subject, values=values)
            body = template_render(text=template.body, values=values)
        except MissingPersonalisation as missing:
            message.status, message.error = MessageStatus.FAILED, str(missing)
        else:
            message.subject, message.body = subject, body
    message.save()
    if message.status == MessageStatus.QUEUED:
        transaction.on_commit(partial(message_send.enqueue, message_id=message.pk))
    return message


def message_open(*, viewer: AbstractBaseUser, message_id: int) -> Message:
    """Messages carry personal data, so reading one is recorded like opening a customer's record."""
    message = message_get(pk=message_id)
    return record_open(
        viewer=viewer,
        record=message,
        record_type="message",
        record_id=message.pk,
        record_label=message.customer.reference,
        may_view=viewer.can("notification.view"),
        refusal="notification.view",
    )
