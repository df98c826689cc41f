from django.db import models


class Mailbox(models.Model):
    """One of the council's mailboxes, read by `mailbox_poll`. The password is never stored here: only the
    name of the environment variable that holds it, so a database copy gives nobody the mailbox."""

    class Kind(models.TextChoices):
        IMAP = "imap", "IMAP over TLS"
        MAILDIR = "maildir", "Maildir on this server's disk"

    name = models.SlugField(max_length=50, unique=True)
    kind = models.CharField(max_length=7, choices=Kind.choices, default=Kind.IMAP)
    host = models.CharField(max_length=255, blank=True)
    port = models.PositiveIntegerField(default=993)
    username = models.CharField(max_length=255, blank=True)
    password_env = models.CharField(
        "password environment variable",
        max_length=100,
        blank=True,
        help_text="The NAME of the environment variable holding the password, for example INBOUND_CONTACT_PASSWORD.",
    )
    folder = models.CharField(max_length=255, default="INBOX")
    maildir_path = models.CharField(max_length=500, blank=True)
    contact_point = models.ForeignKey(
        "catalogue.ContactPoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mailboxes",
        limit_choices_to={"kind": "email"},
        help_text="The published address this mailbox receives; its service is given to the contacts made.",
    )
    is_active = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "mailboxes"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="imap") | (~models.Q(host="") & ~models.Q(username="")),
                name="imap_mailbox_has_host_and_user",
                violation_error_message="An IMAP mailbox needs a host and a username.",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="maildir") | ~models.Q(maildir_path=""),
                name="maildir_mailbox_has_path",
                violation_error_message="A maildir mailbox needs its path.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InboundStatus(models.TextChoices):
    MATCHED = "matched", "Matched to a customer"
    THREADED = "threaded", "Added to a service request"
    TO_MATCH = "to_match", "To match by hand"


class InboundEmail(models.Model):
    mailbox = models.ForeignKey(Mailbox, on_delete=models.PROTECT, related_name="emails")
    message_id = models.CharField(max_length=255)
    from_address = models.CharField(max_length=254)
    subject = models.CharField(max_length=500, blank=True)
    received_at = models.DateTimeField()
    body_text = models.TextField(blank=True, help_text="The plain text part, or the HTML part reduced to text.")
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="inbound_emails"
    )
    service_request = models.ForeignKey(
        "servicerequests.ServiceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inbound_emails",
    )
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, null=True, blank=True, related_name="inbound_emails"
    )
    status = models.CharField(max_length=10, choices=InboundStatus.choices)
    matched_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "received_at"], name="inbound_status_idx")]
        constraints = [
            # A mailbox read twice must not make a second contact for the same message.
            models.UniqueConstraint(fields=["mailbox", "message_id"], name="inbound_message_once_per_mailbox"),
            models.CheckConstraint(
                condition=~models.Q(status="threaded") | models.Q(service_request__isnull=False),
                name="threaded_email_names_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_address}: {self.subject}"


class InboundAttachment(models.Model):
    class Status(models.TextChoices):
        STORED = "stored", "Stored"
        REFUSED = "refused", "Refused"

    email = models.ForeignKey(InboundEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255, help_text="As the sender named it; never used on disk.")
    content_type = models.CharField(max_length=100, blank=True, help_text="As found from the file's own bytes.")
    size = models.PositiveBigIntegerField()
    status = models.CharField(max_length=7, choices=Status.choices)
    refused_because = models.CharField(max_length=200, blank=True)
    stored_name = models.CharField(max_length=100, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(status="stored") & ~models.Q(stored_name=""))
                | (models.Q(status="refused", stored_name="") & ~models.Q(refused_because="")),
                name="attachment_stored_or_refused_with_reason",
            )
        ]

    def __str__(self) -> str:
        return self.filename
