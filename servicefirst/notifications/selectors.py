from dataclasses import dataclass

from django.db.models import Q, QuerySet

from servicefirst.notifications.models import Message, MessageChannel, MessageTemplate

# The order tried when the customer's preferred channel cannot carry a message: email is fastest and
# costs least, a text reaches people without email, and a letter reaches everyone with an address.
FALLBACK_ORDER = (MessageChannel.EMAIL, MessageChannel.TEXT, MessageChannel.LETTER)
_DETAIL_NAMES = {
    MessageChannel.EMAIL: "email address",
    MessageChannel.TEXT: "mobile number",
    MessageChannel.LETTER: "postal address",
}


@dataclass(frozen=True)
class Route:
    """Where a message to a customer goes. An empty channel means it cannot go anywhere; the reason says why."""

    channel: str
    recipient: str
    reason: str = ""


def _postal_address(customer) -> str:
    addresses = [a for a in customer.addresses.all() if a.kind != "previous"]
    # A correspondence address is where the customer asked for post to go, even when they live elsewhere.
    addresses.sort(key=lambda a: (a.kind != "correspondence", not a.is_primary))
    if not addresses:
        return ""
    address = addresses[0]
    lines = (customer.display_name, address.line_1, address.line_2, address.town, address.postcode)
    return "\n".join(line for line in lines if line)


def _contact_details(customer) -> dict[str, str]:
    emails = [e.email for e in customer.email_addresses.all()]
    mobiles = [p.number for p in customer.phone_numbers.all() if p.kind == "mobile"]
    return {
        MessageChannel.EMAIL: emails[0] if emails else "",
        MessageChannel.TEXT: mobiles[0] if mobiles else "",
        MessageChannel.LETTER: _postal_address(customer),
    }


def message_route(*, customer) -> Route:
    """The customer's preferred channel when it can carry a written message and we hold the detail it needs;
    otherwise email, then text, then letter, with the reason recorded for the outbox."""
    details = _contact_details(customer)
    preferred = customer.preferred_channel
    if details.get(preferred):
        return Route(channel=preferred, recipient=details[preferred])
    channel = next((c for c in FALLBACK_ORDER if details[c]), "")
    if not preferred:
        why = "No preferred way of contact is recorded"
    elif preferred in details:
        why = f"Prefers {customer.get_preferred_channel_display().lower()} but has no {_DETAIL_NAMES[preferred]}"
    else:
        why = f"Prefers {customer.get_preferred_channel_display().lower()}, which cannot carry a written message"
    if not channel:
        return Route(channel="", recipient="", reason=f"{why}, and no email address, mobile number or address")
    return Route(channel=channel, recipient=details[channel], reason=f"{why}, so this goes by {channel.label.lower()}")


def message_template_for(*, event: str, channel: str, council_service_id: int | None) -> MessageTemplate | None:
    """The council service's own wording if it has one, otherwise the wording every service uses."""
    scope = Q(council_service__isnull=True)
    if council_service_id is not None:
        scope |= Q(council_service_id=council_service_id)
    templates = sorted(
        MessageTemplate.objects.filter(scope, event=event, channel=channel), key=lambda t: t.council_service_id is None
    )
    return templates[0] if templates else None


def message_event_has_templates(*, event: str) -> bool:
    return MessageTemplate.objects.filter(event=event).exists()


def message_list(*, status: str = "", channel: str = "", customer_id: int | None = None) -> QuerySet[Message]:
    messages = Message.objects.select_related("customer", "council_service")
    if status:
        messages = messages.filter(status=status)
    if channel:
        messages = messages.filter(channel=channel)
    if customer_id is not None:
        messages = messages.filter(customer_id=customer_id)
    return messages


def message_get(*, pk: int) -> Message:
    return Message.objects.select_related("customer", "council_service", "template").get(pk=pk)


def messages_for_customer(*, customer_id: int) -> QuerySet[Message]:
    return Message.objects.filter(customer_id=customer_id).select_related("council_service")


# What notifications hold about a person, for the per-customer participant contract (`notifications.hooks`).
def messages_held(*, customer_id: int, client_service_id: int) -> bool:
    return Message.objects.filter(
        customer_id=customer_id, council_service__client_service_id=client_service_id
    ).exists()


def messages_export(*, customer_id: int) -> list[dict]:
    return list(Message.objects.filter(customer_id=customer_id).order_by("created_at", "id").values())
