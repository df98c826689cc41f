"""Who may call an API operation, decided before its body is read: the bearer token names the user, and an
operation that needs a capability refuses a role without it (403) before validating what was sent, so a caller
who may not act learns nothing about the fields it would have needed."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from servicefirst.accounts.services import api_token_authenticate
from servicefirst.core.access import capability_require


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`. One class, so the OpenAPI document has one security scheme whichever
    capability an operation asks for."""

    def __init__(self, capability: str | None = None) -> None:
        super().__init__()
        self.capability = capability

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(key=token)
        if user is None:
            return None
        request.user = user
        if self.capability is not None:
            # Raised inside authentication, django-ninja hands it to the API's PermissionDenied handler (403).
            capability_require(user=user, capability=self.capability)
        return user


def capable(capability: str) -> TokenAuth:
    """The auth for an operation that needs `capability`."""
    return TokenAuth(capability)
