"""Reads of staff accounts and their API tokens, for the administrators' Staff pages."""

from django.db.models import QuerySet

from servicefirst.accounts.models import ApiToken, User
from servicefirst.accounts.services import MAILBOX_USERNAME, PORTAL_USERNAME, SIGN_IN_USERNAME

# Accounts that software acts as: nobody signs in as them, so they are not staff to manage.
_SYSTEM_USERNAMES = (PORTAL_USERNAME, MAILBOX_USERNAME, SIGN_IN_USERNAME)


def staff_members() -> QuerySet[User]:
    """Every member of staff, active or not, by name."""
    return (
        User.objects.exclude(username__in=_SYSTEM_USERNAMES)
        .select_related("client_service")
        .order_by("last_name", "first_name", "username")
    )


def staff_member_get(*, user_id: int) -> User:
    """User.DoesNotExist for a system account too, so its role cannot be changed from the Staff pages."""
    return staff_members().get(pk=user_id)


def api_tokens_of(*, user_id: int) -> QuerySet[ApiToken]:
    """A member of staff's API tokens, newest first, revoked and expired ones included: their history."""
    return ApiToken.objects.filter(user_id=user_id).order_by("-created_at", "-pk")


def api_token_get(*, user_id: int, token_id: int) -> ApiToken:
    return ApiToken.objects.get(user_id=user_id, pk=token_id)
