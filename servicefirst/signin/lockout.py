"""django-axes' database handler with its own limit for an address. Axes applies one limit to every counter, but
an address is shared: an office whose staff all reach the service through one address would be locked out, all of
them, after a few people's typing mistakes. So an account locks at SIGN_IN_FAILURE_LIMIT failures and an address
at SIGN_IN_ADDRESS_FAILURE_LIMIT, counted over the same cool-off.

And a right password clears only that account's failures: axes would clear every failure matching any counter,
so anyone with an account could sign in between guesses at a colleague's password, from the same address, and
wipe that colleague's count."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        # One query set per AXES_LOCKOUT_PARAMETERS entry, in its order: the account's, then the address's.
        by_account, by_address = (
            attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # Axes locks when this reaches AXES_FAILURE_LIMIT: so does an address at its own limit.
        if by_address >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT:
            return max(by_account, settings.AXES_FAILURE_LIMIT)
        return by_account

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        removed, _ = AccessAttempt.objects.filter(username=get_client_username(request, credentials)).delete()
        return removed
