from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """Who did what to which record and when. Rows are only ever added."""

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_events")
    action = models.CharField(max_length=16, choices=Action.choices)
    record_type = models.CharField(max_length=50)
    record_id = models.CharField(max_length=50)
    record_label = models.CharField(max_length=100, blank=True)
    via = models.CharField(
        max_length=10, default="web", help_text="The interface it came through: web (staff pages), api or portal."
    )
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["record_type", "record_id", "-at"], name="audit_record_idx"),
            models.Index(fields=["actor", "-at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.action} {self.record_type} {self.record_label or self.record_id}"
