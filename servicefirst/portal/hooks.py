"""What the residents' site adds to the staff single view (see `core.hooks`)."""

from servicefirst.core import hooks
from servicefirst.customers.timeline import CUSTOMER_ACTIONS, CustomerAction

hooks.register(
    CUSTOMER_ACTIONS,
    CustomerAction("Fill an online form with the resident", "portal:assisted_start", "request.raise", order=25),
)
