"""What inbound email adds to other apps' screens and to the per-customer contract (see `core.hooks`)."""

from servicefirst.core import hooks
from servicefirst.core.registry import NAVIGATION, NavigationItem
from servicefirst.customers.timeline import CUSTOMER_PARTICIPANTS, Participant, customer_rows_mover
from servicefirst.inbound.models import InboundEmail
from servicefirst.inbound.selectors import inbound_emails_export

hooks.register(NAVIGATION, NavigationItem("Emails to match", "inbound:to_match", "contact.log", order=18))
# An email reaches the single view as the contact it was logged as; the email itself is held about the person.
hooks.register(
    CUSTOMER_PARTICIPANTS,
    Participant(
        "inbound-emails", "Emails received", export=inbound_emails_export, move=customer_rows_mover(InboundEmail)
    ),
)
