"""The administrators' changes to staff accounts: each one written with its audit event, naming who changed whom
and how, in one transaction. The rules about accounts themselves (one client service for a client service
officer, always an active administrator, a role changed by someone else meanwhile) are `accounts.services`'."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction

from servicefirst.accounts.roles import Role
from servicefirst.accounts.selectors import api_token_get, staff_member_get
from servicefirst.accounts.services import (
    api_token_create,
    api_token_revoke,
    staff_active_set,
    staff_password_clear,
    staff_role_change,
    staff_user_create,
)
from servicefirst.audit.services import AuditAction, audit_record
from servicefirst.signin.services import lockout_clear, second_factor_remove
from servicefirst.staff.tasks import set_password_send


def _staff_audit(*, actor, user, action: str, via: str, detail: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        record_type="user",
        record_id=user.pk,
        record_label=user.get_username(),
        via=via,
        detail=detail,
    )


def _role_name(role: str) -> str:
    return Role(role).label


def _link_send(*, user, site: str, first: bool) -> None:
    if not user.email:
        raise ValidationError({"email": f"{user.display_name} has no email address to send a set-password link to"})
    transaction.on_commit(partial(set_password_send.enqueue, user.pk, site, first))


@transaction.atomic
def staff_member_add(
    *,
    actor,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    client_service_id: int | None,
    site: str,
    via: str,
):
    """Adds a member of staff with no password: they are emailed a link to set their own."""
    user = staff_user_create(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        client_service_id=client_service_id,
    )
    service = f" for {user.client_service}" if user.client_service_id else ""
    _staff_audit(
        actor=actor,
        user=user,
        action=AuditAction.CREATED,
        via=via,
        detail=f"staff member added as {_role_name(role)}{service}; set-password link sent to {email}",
    )
    _link_send(user=user, site=site, first=True)
    return user


@transaction.atomic
def staff_member_role_change(
    *, actor, user_id: int, role: str, client_service_id: int | None, role_seen: str, via: str
):
    user, before = staff_role_change(
        user_id=user_id, role=role, client_service_id=client_service_id, role_seen=role_seen
    )
    service = f" for {user.client_service}" if user.client_service_id else ""
    _staff_audit(
        actor=actor,
        user=user,
        action=AuditAction.UPDATED,
        via=via,
        detail=f"role {_role_name(before)} → {_role_name(user.role)}{service}",
    )
    return user


@transaction.atomic
def staff_member_active_set(*, actor, user_id: int, active: bool, via: str):
    user = staff_active_set(user_id=user_id, active=active)
    what = "reactivated" if active else "deactivated: signed out, API tokens refused"
    _staff_audit(actor=actor, user=user, action=AuditAction.UPDATED, via=via, detail=what)
    return user


@transaction.atomic
def staff_member_password_reset(*, actor, user_id: int, site: str, via: str):
    """Ends the person's sessions and emails them a link to set a new password; the administrator never sees
    or chooses it."""
    user = staff_password_clear(user_id=user_id)
    _link_send(user=user, site=site, first=False)
    _staff_audit(
        actor=actor,
        user=user,
        action=AuditAction.UPDATED,
        via=via,
        detail=f"password reset: signed out, set-password link sent to {user.email}",
    )
    return user


@transaction.atomic
def staff_password_set_record(*, user, via: str) -> None:
    """The owner set their password through their link."""
    _staff_audit(actor=user, user=user, action=AuditAction.UPDATED, via=via, detail="password set through a link")


@transaction.atomic
def staff_member_unlock(*, actor, user_id: int, via: str) -> int:
    user = staff_member_get(user_id=user_id)
    return lockout_clear(actor=actor, kind="username", value=user.get_username(), via=via)


@transaction.atomic
def staff_member_second_factor_reset(*, actor, user_id: int, via: str) -> None:
    second_factor_remove(actor=actor, user=staff_member_get(user_id=user_id), via=via)


@transaction.atomic
def staff_token_issue(*, actor, user_id: int, name: str, scopes: list[str], days: int, via: str):
    """Returns the token and its key, which is shown once and never stored."""
    user = staff_member_get(user_id=user_id)
    token, key = api_token_create(user=user, name=name, scopes=scopes, days=days)
    audit_record(
        actor=actor,
        action=AuditAction.CREATED,
        record_type="api_token",
        record_id=token.pk,
        record_label=str(token),
        via=via,
        detail=f"for {user.get_username()}: {', '.join(token.scopes)}; expires {token.expires_at:%Y-%m-%d}",
    )
    return token, key


@transaction.atomic
def staff_token_revoke(*, actor, user_id: int, token_id: int, via: str):
    token = api_token_get(user_id=user_id, token_id=token_id)
    if token.revoked_at is not None:
        return token
    api_token_revoke(token=token)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATED,
        record_type="api_token",
        record_id=token.pk,
        record_label=str(token),
        via=via,
        detail=f"revoked; it belonged to {token.user.get_username()}",
    )
    return token
