"""Values other apps add to every customer message, so templates may use them without notifications importing
those apps (satisfaction adds ((survey_link)), for example).

A provider is called with the customer, the channel the message will go by ("" when there is none), the council
service's id (or None) and the event's reference, and
returns a dict of placeholder names to values; the event's own values still take precedence.
"""

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

PersonalisationProvider = Callable[..., dict[str, str]]

_providers: list[PersonalisationProvider] = []


def personalisation_register(provider: PersonalisationProvider) -> PersonalisationProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def personalisation_values(*, customer, channel: str, council_service_id: int | None, reference: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for provider in _providers:
        try:
            values |= provider(
                customer=customer, channel=channel, council_service_id=council_service_id, reference=reference
            )
        except Exception:
            # A value another app cannot give must not stop the customer hearing about their request; a template
            # that needs it is then kept as "not sent" with the missing name, for a manager to see.
            logger.exception("Personalisation provider %s failed for %s", provider.__name__, reference)
    return values
