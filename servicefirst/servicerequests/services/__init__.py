"""Writes to service requests: raising, progress (status, priority, notes) and assignment, one module each, with
what they share in `common`. Every rule lives here, so the staff pages and the API cannot disagree; other apps
import from this package, never from its modules.

Deadlines: a request is due `sla_working_days` England & Wales working days after the day it was
received (the Europe/London date). The day of receipt never counts, so a request received at 08:00
on a Monday with a one-day SLA is due on Tuesday.

The SLA clock stops while a request awaits the customer (`ServiceRequestPause`, one row a pause): a paused
request is never overdue, and when it leaves that status the due date moves later by the working days
after the day paused up to the day resumed, so a pause begun and ended the same day moves nothing. Moving
queue and reopening keep the due date: the customer was promised it.
"""

from servicefirst.servicerequests.services.assignment import (
    service_request_assign,
    service_request_bulk_assign,
    service_request_move,
)
from servicefirst.servicerequests.services.common import ALLOWED_TRANSITIONS, CUSTOMER_VISIBLE_STATUSES
from servicefirst.servicerequests.services.progress import (
    service_request_note_add,
    service_request_priority_update,
    service_request_status_update,
)
from servicefirst.servicerequests.services.raising import (
    RequestData,
    service_request_check,
    service_request_due_on,
    service_request_open,
    service_request_raise,
)

__all__ = [
    "ALLOWED_TRANSITIONS",
    "CUSTOMER_VISIBLE_STATUSES",
    "RequestData",
    "service_request_assign",
    "service_request_bulk_assign",
    "service_request_check",
    "service_request_due_on",
    "service_request_move",
    "service_request_note_add",
    "service_request_open",
    "service_request_priority_update",
    "service_request_raise",
    "service_request_status_update",
]
