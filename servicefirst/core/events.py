"""Events one app announces and others act on, so the announcer never imports the listeners.

`customer_notifiable` is sent (after the transaction commits) when something happens that the
customer should hear about. Keyword arguments:

- `event`: what happened, e.g. "service_request.raised", "service_request.updated",
  "service_request.resolved", "contact.action_agreed";
- `customer_id`: the customer, or None for an anonymous contact (nothing is then sent);
- `council_service_id`: the catalogue service it concerns, or None, so per-service templates apply;
- `reference`: the reference the customer quotes, e.g. "SR-2026-000123";
- `personalisation`: dict[str, str] of values for the message template.
"""

from django.dispatch import Signal

customer_notifiable = Signal()
