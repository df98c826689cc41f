"""What contacts adds to other apps' screens and to the per-customer contract (see `core.hooks`)."""

from servicefirst.contacts import selectors, tiles, timeline_sources
from servicefirst.contacts.models import AgreedAction, Contact
from servicefirst.core import hooks
from servicefirst.core.registry import DASHBOARD_TILES, NAVIGATION, NavigationItem, TileSource
from servicefirst.customers.timeline import (
    CUSTOMER_ACTIONS,
    CUSTOMER_PARTICIPANTS,
    CustomerAction,
    Participant,
    customer_rows_mover,
    moved_with_their_contacts,
)

hooks.register(NAVIGATION, NavigationItem("Log a contact", "contacts:log", "contact.log", order=15))
hooks.register(NAVIGATION, NavigationItem("Actions", "contacts:my_actions", "customer.view", order=16))
hooks.register(NAVIGATION, NavigationItem("Referrals", "contacts:referrals", "clientservice.work", order=17))
hooks.register(NAVIGATION, NavigationItem("Reports", "contacts:contacts_report", "reports.view", order=50))
hooks.register(
    CUSTOMER_ACTIONS,
    CustomerAction("Log a contact", "contacts:log", "contact.log", customer_param="customer_id", order=10),
)
hooks.register(DASHBOARD_TILES, TileSource("reports.view", tiles.repeat_contacts), order=20)
hooks.register(DASHBOARD_TILES, TileSource("reports.view", tiles.overdue_actions), order=21)
hooks.register(DASHBOARD_TILES, TileSource("referral.authorise", tiles.referrals_to_authorise), order=22)
hooks.register(
    CUSTOMER_PARTICIPANTS,
    Participant(
        "contacts",
        "Contacts",
        export=selectors.contacts_export,
        move=customer_rows_mover(Contact),
        timeline=timeline_sources.contacts,
        # A client service holds a contact once it was referred to them.
        holds_work_for=selectors.referrals_sent_held,
    ),
)
hooks.register(
    CUSTOMER_PARTICIPANTS,
    Participant(
        "agreed-actions",
        "Agreed actions",
        export=selectors.agreed_actions_export,
        move=customer_rows_mover(AgreedAction),
        timeline=timeline_sources.agreed_actions,
        holds_work_for=selectors.agreed_actions_held,
    ),
)
hooks.register(
    CUSTOMER_PARTICIPANTS,
    Participant(
        "referrals",
        "Referrals",
        export=selectors.referrals_export,
        # A referral names the customer only through its contact, so it moves with it.
        move=moved_with_their_contacts,
        timeline=timeline_sources.referrals,
        holds_work_for=selectors.referrals_sent_held,
    ),
)
