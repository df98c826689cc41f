"""Values other apps add to every customer message: a hook they add to in their `hooks.py` (see `core.hooks`), so
templates may use them without notifications importing those apps (satisfaction adds ((survey_link)), for example).

A registrant is called with the customer, the channel the message will go by ("" when there is none), the council
service's id (or None) and the event's reference, and returns a dict of placeholder names to values; the event's
own values still take precedence.
"""

from servicefirst.core import hooks

MESSAGE_PERSONALISATION = "message_personalisation"


def personalisation_values(*, customer, channel: str, council_service_id: int | None, reference: str) -> dict[str, str]:
    values: dict[str, str] = {}
    # A value another app cannot give must not stop the customer hearing about their request (`isolate` logs the
    # failure); a template that needs it is then kept as "not sent" with the missing name, for a manager to see.
    for answer in hooks.hooks_call(
        MESSAGE_PERSONALISATION,
        isolate=True,
        customer=customer,
        channel=channel,
        council_service_id=council_service_id,
        reference=reference,
    ):
        values |= answer
    return values
