"""What complaints add to other apps' screens and to the per-customer contract (see `core.hooks`)."""

from servicefirst.complaints.models import Complaint
from servicefirst.complaints.report_tiles import corporate_complaints_open
from servicefirst.complaints.selectors import complaints_export
from servicefirst.complaints.timeline_sources import complaints
from servicefirst.core import hooks
from servicefirst.core.registry import DASHBOARD_TILES, NAVIGATION, NavigationItem, TileSource
from servicefirst.customers.timeline import (
    CUSTOMER_ACTIONS,
    CUSTOMER_PARTICIPANTS,
    CustomerAction,
    Participant,
    customer_rows_mover,
)

hooks.register(NAVIGATION, NavigationItem("Record feedback", "complaints:record", "complaint.record", order=25))
hooks.register(NAVIGATION, NavigationItem("Complaints", "complaints:caseload", "complaint.handle", order=26))
hooks.register(NAVIGATION, NavigationItem("Complaint reports", "complaints_reports:index", "reports.view", order=52))
hooks.register(
    CUSTOMER_ACTIONS, CustomerAction("Record a complaint", "complaints:record", "complaint.record", order=30)
)
hooks.register(DASHBOARD_TILES, TileSource("reports.view", corporate_complaints_open), order=30)
# Corporate items carry no client service, so no client service holds them.
hooks.register(
    CUSTOMER_PARTICIPANTS,
    Participant(
        "complaints",
        "Complaints, compliments and comments",
        export=complaints_export,
        move=customer_rows_mover(Complaint),
        timeline=complaints,
    ),
)
