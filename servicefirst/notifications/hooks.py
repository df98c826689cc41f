"""What notifications add to other apps' screens and to the per-customer contract (see `core.hooks`)."""

from servicefirst.core import hooks
from servicefirst.core.registry import NAVIGATION, NavigationItem
from servicefirst.customers.timeline import CUSTOMER_PARTICIPANTS, Participant, customer_rows_mover
from servicefirst.notifications.models import Message
from servicefirst.notifications.selectors import messages_export, messages_held
from servicefirst.notifications.timeline_sources import messages

hooks.register(NAVIGATION, NavigationItem("Messages", "notifications:outbox", "notification.view", order=70))
hooks.register(
    CUSTOMER_PARTICIPANTS,
    Participant(
        "messages",
        "Messages to the customer",
        export=messages_export,
        move=customer_rows_mover(Message),
        timeline=messages,
        holds_work_for=messages_held,
    ),
)
