"""What staff management adds to other apps' screens (see `core.hooks`)."""

from servicefirst.core import hooks
from servicefirst.core.registry import NAVIGATION, NavigationItem

hooks.register(NAVIGATION, NavigationItem("Staff", "staff:list", "staff.manage", order=92))
