"""The one capability check, for pages and API endpoints alike: pages send anonymous users to sign in, and a
signed-in user (or a token's user) without the capability is refused with 403.

Pages and endpoints ask for a capability, never a role (`accounts.roles`); the user model answers `can`.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def capability_require(*, user: AbstractBaseUser, capability: str) -> None:
    if not user.can(capability):
        raise PermissionDenied(capability)


def capability_required(capability: str) -> Callable:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            capability_require(user=request.user, capability=capability)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
