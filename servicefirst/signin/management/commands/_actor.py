from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from servicefirst.accounts.roles import Role


def administrator_get(username: str):
    """The administrator a command acts for, so the audit log names who unlocked or reset whom."""
    user = get_user_model().objects.filter(username=username, role=Role.ADMINISTRATOR, is_active=True).first()
    if user is None:
        raise CommandError(f"--by must name an active administrator; {username!r} is not one")
    return user
