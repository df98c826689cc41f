from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """Who did what to which record and when. Rows are only ever added: the database refuses an UPDATE or a DELETE
    (triggers in `append_only.py`), except the retention command's deletion of rows past the retention period."""

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        # Lists and searches that show personal data: the query, how many were shown and which.
        SEARCHED = "searched", "Searched"
        LISTED = "listed", "Listed"
        EXPORTED = "exported", "Exported"
        # Staff sign-in: each success, failure and lockout, and the second factor.
        SIGNED_IN = "signed_in", "Signed in"
        SIGNED_OUT = "signed_out", "Signed out"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out"
        UNLOCKED = "unlocked", "Unlocked"
        SECOND_FACTOR_ENROLLED = "2fa_enrolled", "Second factor set up"
        SECOND_FACTOR_FAILED = "2fa_failed", "Second factor failed"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_events")
    action = models.CharField(max_length=20, choices=Action.choices)
    record_type = models.CharField(max_length=50)
    record_id = models.CharField(max_length=50)
    record_label = models.CharField(max_length=100, blank=True)
    via = models.CharField(
        max_length=10,
        default="web",
        help_text="The interface it came through: web (staff pages), api, portal or admin (Django's admin).",
    )
    detail = models.CharField(max_length=200, blank=True)
    # A list or search is one event, not one per row: what was asked, how many were shown and which, as
    # ",12,15,99," so that "which lists showed record 15" is one LIKE over the text.
    query = models.CharField(max_length=200, blank=True, help_text="What a search asked for.")
    shown = models.PositiveIntegerField(null=True, blank=True, help_text="How many records a list or search showed.")
    record_ids = models.TextField(blank=True, help_text="The ids of the records a list or search showed.")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["record_type", "record_id", "-at"], name="audit_record_idx"),
            models.Index(fields=["actor", "-at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.action} {self.record_type} {self.record_label or self.record_id}"
