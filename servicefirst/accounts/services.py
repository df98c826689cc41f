import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from servicefirst.accounts.models import ApiToken, User
from servicefirst.accounts.roles import Role
from servicefirst.accounts.scopes import scopes_allow, scopes_clean

# A token is a standing password for another system: it lasts at most a year before a new one is issued.
API_TOKEN_DAYS_MAX = 366

# Writing last-used on every request would serialise API traffic on one row; a minute's precision is enough.
# The row is read (and so last-used written) only when the token's cache entry is missing, so the
# recorded time is at most this plus the cache's lifetime behind.
_LAST_USED_PRECISION = timedelta(minutes=1)
# Looking a token up is a joined query on every API call, so its user is kept in the cache by the key's
# hash. Revoking the token or saving its user (deactivation, a new role) forgets the entry at once,
# for every process when the cache is shared (Redis). A cache in local memory belongs to one process
# and cannot be told of a change made in another (another gunicorn worker, a management command), so
# there an entry lives only a few seconds: that is how long another process may still accept the token.
_TOKEN_CACHE_SECONDS_SHARED = 60
_TOKEN_CACHE_SECONDS_PER_PROCESS = 5
# A lookup that read the token just before a revocation committed must not cache what it read after
# the entry was forgotten: a forgotten entry is marked, and only an empty one is filled.
_FORGOTTEN = "forgotten"
_FORGOTTEN_SECONDS = 10


@dataclass(frozen=True)
class TokenGrant:
    """What a valid token grants: its user (whose role still decides each action), its scopes and its expiry."""

    user: User
    scopes: frozenset[str]
    expires_at: datetime

    def allows(self, scope: str) -> bool:
        return scopes_allow(scopes=self.scopes, needed=scope)


@transaction.atomic
def api_token_create(
    *, user: User, name: str, scopes: list[str] | tuple[str, ...], days: int | None = None
) -> tuple[ApiToken, str]:
    """Returns the token and its key; the key is not stored and cannot be shown again. A token does only what its
    scopes say and its user's role allows, and expires after `days` (API_TOKEN_DAYS by default, a year at most)."""
    name = (name or "").strip()
    days = settings.API_TOKEN_DAYS if days is None else days
    errors = {}
    if not name or len(name) > 100:
        errors["name"] = "Say what will use the token, in 100 characters or fewer"
    try:
        scopes = scopes_clean(list(scopes))
    except ValueError as error:
        errors["scopes"] = str(error)
    else:
        if not scopes:
            errors["scopes"] = "Give the token at least one scope"
    if not 1 <= days <= API_TOKEN_DAYS_MAX:
        errors["days"] = f"A token lasts from 1 to {API_TOKEN_DAYS_MAX} days"
    if errors:
        raise ValidationError(errors)
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=ApiToken.hash_key(key),
        prefix=key[:8],
        scopes=scopes,
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


def api_token_cache_key(key_hash: str) -> str:
    """Where a token's user is cached, by the hash of its key (never the key)."""
    return f"accounts:api-token:{key_hash}"


def api_token_cache_seconds() -> int:
    """How long a token's user is cached: briefly when each process has its own cache, as a revocation in one
    process cannot reach the others."""
    return (
        _TOKEN_CACHE_SECONDS_PER_PROCESS if isinstance(caches["default"], LocMemCache) else _TOKEN_CACHE_SECONDS_SHARED
    )


def api_token_grant(*, key: str) -> TokenGrant | None:
    """What the token with this key grants; None when there is no such token, or it is revoked or expired, or its
    user is deactivated."""
    key_hash = ApiToken.hash_key(key)
    now = timezone.now()
    cached = cache.get(api_token_cache_key(key_hash))
    if isinstance(cached, TokenGrant):
        return cached if cached.expires_at > now else None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=key_hash, revoked_at__isnull=True, user__is_active=True, expires_at__gt=now)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > _LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    grant = TokenGrant(user=token.user, scopes=frozenset(token.scopes), expires_at=token.expires_at)
    if cached is None:
        cache.add(api_token_cache_key(key_hash), grant, api_token_cache_seconds())
    return grant


def _tokens_forget(key_hashes: list[str]) -> None:
    if not key_hashes:
        return

    def forget() -> None:
        cache.set_many({api_token_cache_key(h): _FORGOTTEN for h in key_hashes}, _FORGOTTEN_SECONDS)

    # Now, for this transaction's own later requests; and again once committed, since another process
    # may have cached the old row between the two.
    forget()
    transaction.on_commit(forget)


def _token_changed(sender, instance: ApiToken, created: bool = False, **kwargs) -> None:
    # A new token cannot be cached yet: until it is committed, a lookup finds nothing and caches nothing.
    if not created:
        _tokens_forget([instance.key_hash])


def _user_changed(sender, instance: User, created: bool = False, update_fields=None, **kwargs) -> None:
    # A new user has no tokens; signing in records last_login, which changes nothing a token grants.
    if created or (update_fields is not None and set(update_fields) == {"last_login"}):
        return
    _tokens_forget(list(ApiToken.objects.filter(user_id=instance.pk).values_list("key_hash", flat=True)))


def api_tokens_watch() -> None:
    """Forgets cached tokens when a token or its user is saved or deleted; called once at start-up."""
    post_save.connect(_token_changed, sender=ApiToken, dispatch_uid="accounts:api-token:save")
    post_delete.connect(_token_changed, sender=ApiToken, dispatch_uid="accounts:api-token:delete")
    post_save.connect(_user_changed, sender=User, dispatch_uid="accounts:api-token:user-save")


@transaction.atomic
def staff_user_create(
    *,
    username: str,
    role: str,
    password: str = "",
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    client_service_id: int | None = None,
    password_hash: str = "",
) -> User:
    """Without a password the account cannot be signed in to until its owner sets one through a link
    (`staff.services.staff_member_add`), so no administrator ever knows another person's password.
    `password_hash`, made once with `make_password`, serves loaders that give many users one password (the
    demo's): hashing it anew for each would take the site's hasher a second apiece."""
    username = (username or "").strip()
    errors = {}
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = "Someone already has that username. Choose another"
    try:
        client_service_id = _client_service_for(role=role, client_service_id=client_service_id)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    user = User(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        client_service_id=client_service_id,
    )
    if password_hash:
        user.password = password_hash
    elif password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def _client_service_for(*, role: str, client_service_id: int | None) -> int | None:
    """Only a client service officer works for one client service; anyone else's is cleared, so a former client
    service officer keeps no tie that would look like a need to see that service's work."""
    if role != Role.CLIENT_SERVICE_OFFICER:
        return None
    if client_service_id is None:
        raise ValidationError({"client_service": "Choose the client service this client service officer works for"})
    return client_service_id


def _administrators_lock() -> list[int]:
    """Locks every active administrator, in one order, so two administrators demoting or deactivating each other
    at once are decided one after the other and cannot both succeed."""
    return list(
        User.objects.select_for_update()
        .filter(role=Role.ADMINISTRATOR, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _administrator_remains_check(*, user: User, field: str) -> None:
    if user.role == Role.ADMINISTRATOR and user.is_active and _administrators_lock() == [user.pk]:
        raise ValidationError(
            {field: f"{user.display_name} is the only administrator. Make someone else an administrator first"}
        )


@transaction.atomic
def staff_role_change(*, user_id: int, role: str, client_service_id: int | None, role_seen: str) -> tuple[User, str]:
    """Gives a member of staff another role (and, for a client service officer, their client service); returns
    the user and the role they had. `role_seen` is the role the administrator saw: a change made by someone else
    since is refused rather than silently overwritten. The last active administrator keeps that role."""
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role"})
    _administrators_lock()
    user = User.objects.select_for_update().get(pk=user_id)
    if user.role != role_seen:
        changed = f"Someone changed this person's role to {user.get_role_display()} meanwhile"
        raise ValidationError({"role": f"{changed}. Check it and try again"})
    if role != Role.ADMINISTRATOR:
        _administrator_remains_check(user=user, field="role")
    before = user.role
    user.role = role
    user.client_service_id = _client_service_for(role=role, client_service_id=client_service_id)
    user.full_clean()
    user.save(update_fields=["role", "client_service", "is_staff"])
    return user, before


@transaction.atomic
def staff_active_set(*, user_id: int, active: bool) -> User:
    """Deactivates (or reactivates) a member of staff. A deactivated person's sessions end at their next request
    and their API tokens stop working at once (`api_token_grant`); their records and history stay."""
    _administrators_lock()
    user = User.objects.select_for_update().get(pk=user_id)
    if not active:
        _administrator_remains_check(user=user, field="active")
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def staff_password_clear(*, user_id: int) -> User:
    """Makes a member of staff's password unusable until they set a new one through a link. Their sessions end at
    their next request: Django checks each session against a hash of the password it was signed in with."""
    user = User.objects.select_for_update().get(pk=user_id)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


PORTAL_USERNAME = "portal"
MAILBOX_USERNAME = "mailbox"
SIGN_IN_USERNAME = "sign-in"


def _system_user_get(*, username: str, first_name: str, last_name: str) -> User:
    """A user that software acts as when it writes: an officer because services check `actor.can(...)`, which
    needs an active user, with an unusable password so nobody can sign in as it."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=username, defaults={"role": Role.OFFICER, "first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    return user


def portal_user_get() -> User:
    """The user the residents' portal acts as when it writes (requests, customers, complaints)."""
    return _system_user_get(username=PORTAL_USERNAME, first_name="Residents'", last_name="portal")


def mailbox_user_get() -> User:
    """The user inbound email acts as when it logs contacts and adds replies to requests."""
    return _system_user_get(username=MAILBOX_USERNAME, first_name="Council", last_name="mailboxes")


def sign_in_user_get() -> User:
    """The user a failed sign-in naming no account is recorded against in the audit log, which needs an actor."""
    return _system_user_get(username=SIGN_IN_USERNAME, first_name="Staff", last_name="sign-in")
