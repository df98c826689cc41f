from django.core.exceptions import ValidationError
from django.db import models

from servicefirst.notifications.templating import placeholders_invalid


class MessageChannel(models.TextChoices):
    """The ways a message can reach a customer. Their values match the customer's preferred channels."""

    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    LETTER = "letter", "Letter"


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    STORED = "stored", "Stored in the outbox"
    SENT = "sent", "Sent"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Not sent"


class MessageTemplate(models.Model):
    """The wording of one kind of message on one channel, for every service or for one council service."""

    event = models.CharField(
        max_length=100, help_text='What happened, for example "service_request.raised".', db_index=True
    )
    council_service = models.ForeignKey(
        "catalogue.CouncilService",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="message_templates",
        help_text="Leave blank for the wording every service uses; a service's own wording wins over it.",
    )
    channel = models.CharField(max_length=10, choices=MessageChannel.choices)
    subject = models.CharField(
        max_length=255, blank=True, help_text="Email subject or letter heading. Text messages have none."
    )
    body = models.TextField(
        help_text="Plain English. Put values in double brackets, as GOV.UK Notify does: ((name)), ((reference))."
    )
    notify_template_id = models.CharField(
        "GOV.UK Notify template ID",
        max_length=36,
        blank=True,
        help_text="The matching template in GOV.UK Notify. Needed only when messages are sent through Notify.",
    )
    needs_consent = models.BooleanField(
        default=False,
        help_text="Tick for messages beyond the customer's own request, such as news or surveys: these go only "
        "to customers who agreed to be contacted. Messages about their own request need no consent.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event", "council_service__name", "channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "channel", "council_service"],
                name="one_template_per_service_event_channel",
                violation_error_message="This service already has a template for this event and channel.",
            ),
            models.UniqueConstraint(
                fields=["event", "channel"],
                condition=models.Q(council_service__isnull=True),
                name="one_general_template_per_event_channel",
                violation_error_message="There is already a template for every service for this event and channel.",
            ),
            models.CheckConstraint(
                condition=models.Q(channel="text", subject="") | (~models.Q(channel="text") & ~models.Q(subject="")),
                name="subject_for_email_and_letter_only",
                violation_error_message="Emails and letters need a subject; text messages have none.",
            ),
        ]

    def __str__(self) -> str:
        scope = self.council_service.name if self.council_service_id else "every service"
        return f"{self.event} by {self.get_channel_display().lower()} ({scope})"

    def clean(self) -> None:
        errors = {}
        for field in ("subject", "body"):
            if bad := placeholders_invalid(getattr(self, field)):
                errors[field] = f"Placeholder names use letters, numbers and underscores only; check {', '.join(bad)}"
        if errors:
            raise ValidationError(errors)


class Message(models.Model):
    """One message to a customer: the outbox. The body is rendered when the message is made, so the outbox
    shows exactly what the customer was sent even after the template changes."""

    customer = models.ForeignKey("customers.Customer", on_delete=models.CASCADE, related_name="messages")
    council_service = models.ForeignKey(
        "catalogue.CouncilService", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    template = models.ForeignKey(MessageTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    event = models.CharField(max_length=100)
    channel = models.CharField(
        max_length=10, choices=MessageChannel.choices, blank=True, help_text="Blank when no channel could be used."
    )
    channel_reason = models.CharField(
        max_length=200, blank=True, help_text="Why this channel rather than the customer's preferred one."
    )
    recipient = models.TextField(blank=True, help_text="Email address, mobile number (E.164) or postal address.")
    subject = models.CharField(max_length=255, blank=True)
    body = models.TextField(blank=True)
    personalisation = models.JSONField(default=dict, blank=True)
    notify_template_id = models.CharField(max_length=36, blank=True)
    reference = models.CharField(max_length=50, blank=True, help_text="The reference the customer quotes.")
    status = models.CharField(max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    backend = models.CharField(max_length=50, blank=True, help_text="Who the message was handed to.")
    provider_id = models.CharField(max_length=100, blank=True, help_text="The provider's ID for the message.")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["customer", "-created_at"], name="message_customer_idx"),
            models.Index(fields=["status", "-created_at"], name="message_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display() or 'Message'} to customer {self.customer_id}: {self.summary}"

    @property
    def summary(self) -> str:
        """A line that names the message in lists, even when it could not be written."""
        if self.subject or self.body:
            return self.subject or self.body[:80]
        return f"Message about {self.reference}" if self.reference else self.event

    @property
    def recipient_lines(self) -> list[str]:
        return [line for line in self.recipient.splitlines() if line.strip()]
