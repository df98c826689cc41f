"""What satisfaction adds to other apps' screens and to the per-customer contract (see `core.hooks`)."""

from servicefirst.contacts.followups import CONTACT_FOLLOWUPS, FollowUp
from servicefirst.contacts.selectors import ContactOutcome
from servicefirst.core import hooks
from servicefirst.core.registry import DASHBOARD_TILES, NAVIGATION, NavigationItem, TileSource
from servicefirst.customers.timeline import CUSTOMER_PARTICIPANTS, Participant, moved_with_their_contacts
from servicefirst.notifications.personalisation import MESSAGE_PERSONALISATION
from servicefirst.satisfaction.selectors import responses_export
from servicefirst.satisfaction.survey_links import survey_link_values
from servicefirst.satisfaction.tiles import satisfied_this_month
from servicefirst.satisfaction.timeline_sources import satisfaction_answers

hooks.register(NAVIGATION, NavigationItem("Satisfaction", "satisfaction:results", "reports.view", order=51))
# Every contact, whatever its outcome, may end with the satisfaction question.
for outcome in ContactOutcome.values:
    hooks.register(
        CONTACT_FOLLOWUPS, FollowUp(outcome, "Record the customer's satisfaction", "satisfaction:record_lookup")
    )
hooks.register(MESSAGE_PERSONALISATION, survey_link_values)
hooks.register(DASHBOARD_TILES, TileSource("reports.view", satisfied_this_month), order=25)
# Front-office feedback: no client service holds it.
hooks.register(
    CUSTOMER_PARTICIPANTS,
    Participant(
        "satisfaction",
        "Satisfaction answers",
        export=responses_export,
        # An answer names the customer only through its contact, so it moves with it.
        move=moved_with_their_contacts,
        timeline=satisfaction_answers,
    ),
)
