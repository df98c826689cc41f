"""Who may call an API operation, decided before its body is read: the bearer token names the user and must be
unexpired and hold the scope for the area and for reading or writing (`accounts/scopes.py`), and an operation that
needs a capability refuses a role without it (403) before validating what was sent, so a caller who may not act
learns nothing about the fields it would have needed."""

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from servicefirst.accounts.scopes import API_AREAS, scope_needed
from servicefirst.accounts.services import api_token_grant
from servicefirst.core.access import capability_require

_PREFIX = "/api/"


def _area(request: HttpRequest) -> str:
    """The API's area this request is in: the first part of its path after /api/."""
    return request.path.split(_PREFIX, 1)[-1].split("/", 1)[0]


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`. One class, so the OpenAPI document has one security scheme whichever
    capability an operation asks for."""

    def __init__(self, capability: str | None = None) -> None:
        super().__init__()
        self.capability = capability

    def authenticate(self, request: HttpRequest, token: str):
        grant = api_token_grant(key=token)
        if grant is None:
            return None
        area = _area(request)
        needed = scope_needed(area=area, method=request.method)
        if area not in API_AREAS or not grant.allows(needed):
            # A token does only what it was issued for, whatever its user's role would allow.
            raise HttpError(403, f"This token may not do this: it needs the scope {needed}")
        user = grant.user
        request.user = user
        if self.capability is not None:
            # Raised inside authentication, django-ninja hands it to the API's PermissionDenied handler (403).
            capability_require(user=user, capability=self.capability)
        return user


def capable(capability: str) -> TokenAuth:
    """The auth for an operation that needs `capability`."""
    return TokenAuth(capability)
