"""Agreed actions: completing what was agreed with the customer, by the officer or the client service that owns it."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import (
    AgreedAction,
)


def agreed_action_may_complete(*, user: AbstractBaseUser, action: AgreedAction) -> bool:
    """Front-office staff may complete any action; a client service officer only their own service's."""
    if user.can("contact.log"):
        return True
    return (
        user.is_active
        and user.role == Role.CLIENT_SERVICE_OFFICER
        and action.owner_client_service_id is not None
        and action.owner_client_service_id == user.client_service_id
    )


@transaction.atomic
def agreed_action_complete(*, user: AbstractBaseUser, action_id: int) -> AgreedAction:
    action = AgreedAction.objects.select_for_update().get(pk=action_id)
    if not agreed_action_may_complete(user=user, action=action):
        raise PermissionDenied("action.complete")
    if action.completed_at is None:
        action.completed_at, action.completed_by = timezone.now(), user
        action.save(update_fields=["completed_at", "completed_by"])
    return action
