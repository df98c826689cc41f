import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models

from servicefirst.accounts.roles import Role, role_can


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.OFFICER)
    client_service = models.ForeignKey(
        "organisation.ClientService",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text="The back-office service a client service officer works for.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role=Role.CLIENT_SERVICE_OFFICER) | models.Q(client_service__isnull=False),
                name="client_service_officer_has_service",
                violation_error_message="A client service officer must belong to a client service.",
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        # Only administrators reach Django's admin site; the flag follows the role so the two cannot drift.
        self.is_staff = self.role == Role.ADMINISTRATOR or self.is_superuser
        super().save(*args, **kwargs)

    def can(self, capability: str) -> bool:
        return self.is_active and role_can(self.role, capability)

    @property
    def display_name(self) -> str:
        """The name colleagues know this person by: their full name, or their username if none is recorded."""
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is stored; the key is shown once when created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What uses this token, e.g. 'Telephony integration'.")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8, help_text="First characters of the key, to recognise it.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(help_text="After this the token is refused; issue a new one before then.")
    scopes = models.JSONField(
        default=list, help_text="What it may do, as <area>:read or <area>:write (accounts/scopes.py)."
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
