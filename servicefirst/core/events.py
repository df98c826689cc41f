"""Events one app announces and others act on, so the announcer never imports the listeners.

`customer_notifiable` is sent (after the transaction commits) when something happens that the
customer should hear about. Keyword arguments:

- `event`: what happened, e.g. "service_request.raised", "service_request.updated",
  "service_request.resolved", "contact.action_agreed";
- `customer_id`: the customer, or None for an anonymous contact (nothing is then sent);
- `council_service_id`: the catalogue service it concerns, or None, so per-service templates apply;
- `reference`: the reference the customer quotes, e.g. "SR-2026-000123";
- `personalisation`: dict[str, str] of values for the message template.

The others are sent inside the writer's transaction, so what listens (the performance figures) commits or
rolls back with the change itself:

- `contact_logged`: a contact was recorded; `contact` is the saved `Contact`.
- `contact_repeat_marked`: a contact already counted became a repeat (one before it was logged late, or had
  its customer named); `contact`.
- `contact_customer_named`: a contact logged without a customer now has one, and with it perhaps its repeat
  flag; `contact`.
- `survey_answered`: a customer answered about a contact; `contact` and `rating`.
- `service_request_resolution_changed`: a request was resolved, or a resolved one reopened; `service_request`,
  `resolved_at` (the resolution that starts or stops counting) and `change` (+1 or -1).
"""

from django.dispatch import Signal

customer_notifiable = Signal()
contact_logged = Signal()
contact_repeat_marked = Signal()
contact_customer_named = Signal()
survey_answered = Signal()
service_request_resolution_changed = Signal()
