"""What the performance reports add to other apps' screens (see `core.hooks`)."""

from servicefirst.core import hooks
from servicefirst.core.registry import NAVIGATION, NavigationItem

hooks.register(NAVIGATION, NavigationItem("Performance", "performance:dashboard", "reports.view", order=49))
hooks.register(NAVIGATION, NavigationItem("Statements", "performance:statements", "reports.view", order=51))
