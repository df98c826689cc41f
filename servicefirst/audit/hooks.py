"""What the audit log adds to other apps' screens (see `core.hooks`)."""

from servicefirst.core import hooks
from servicefirst.core.registry import NAVIGATION, NavigationItem

hooks.register(NAVIGATION, NavigationItem("Audit log", "audit:list", "audit.view", order=90))
