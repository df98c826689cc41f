"""What staff sign-in adds to other apps' screens (see `core.hooks`)."""

from servicefirst.core import hooks
from servicefirst.core.registry import NAVIGATION, NavigationItem

hooks.register(NAVIGATION, NavigationItem("Sign-in lockouts", "signin:lockouts", "signin.unlock", order=95))
