"""What mystery shopping adds to other apps' screens (see `core.hooks`)."""

from servicefirst.core import hooks
from servicefirst.core.registry import NAVIGATION, NavigationItem

hooks.register(
    NAVIGATION, NavigationItem("Mystery shopping", "mysteryshopping:shops", "mysteryshopping.manage", order=58)
)
hooks.register(
    NAVIGATION, NavigationItem("Mystery shopping results", "mysteryshopping:results_sites", "reports.view", order=61)
)
