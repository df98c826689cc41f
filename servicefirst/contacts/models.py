from django.conf import settings
from django.db import models

from servicefirst.core.channels import ContactChannel


class ContactDirection(models.TextChoices):
    INBOUND = "inbound", "Inbound (the customer contacted us)"
    OUTBOUND = "outbound", "Outbound (we contacted the customer)"


class ContactOutcome(models.TextChoices):
    RESOLVED_FIRST_CONTACT = "resolved_first_contact", "Resolved at first contact"
    SERVICE_REQUEST_RAISED = "service_request_raised", "Service request raised"
    REFERRED = "referred", "Referred to a client service"
    SIGNPOSTED = "signposted", "Signposted elsewhere"
    FAILED = "failed", "Failed or abandoned"


class CodeList(models.Model):
    """A list the council keeps of its own codes, offered to officers as choices and counted in reports."""

    code = models.SlugField(max_length=50, unique=True)
    label = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True, help_text="Only active entries are offered to officers.")

    class Meta:
        abstract = True
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class WrapUpCode(CodeList):
    """A code the officer picks when a contact ends, as the council's contact centre defines them."""

    class Meta(CodeList.Meta):
        verbose_name = "wrap-up code"


class AvoidableReason(CodeList):
    """Why a contact need not have happened: chasing progress, an unclear letter, a wrong number…"""


class Contact(models.Model):
    """One interaction with a customer (or an anonymous caller) on any channel."""

    channel = models.CharField(max_length=20, choices=ContactChannel.choices)
    direction = models.CharField(max_length=10, choices=ContactDirection.choices, default=ContactDirection.INBOUND)
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        help_text="Blank for an anonymous caller.",
    )
    council_service = models.ForeignKey(
        "catalogue.CouncilService", on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    reason = models.TextField(blank=True)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts")
    contact_point = models.ForeignKey(
        "catalogue.ContactPoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        help_text="The published phone number or email address the contact came through.",
    )
    site = models.ForeignKey(
        "organisation.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    outcome = models.CharField(max_length=30, choices=ContactOutcome.choices)
    wrap_up_code = models.ForeignKey(
        WrapUpCode, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    is_avoidable = models.BooleanField("Avoidable contact", default=False)
    avoidable_reason = models.ForeignKey(
        AvoidableReason, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    is_repeat = models.BooleanField(default=False, editable=False)
    assisted_digital = models.BooleanField(
        "Assisted digital",
        default=False,
        help_text="An officer filled the council's online form with the customer, on their behalf.",
    )
    repeat_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="repeats"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["customer", "council_service", "started_at"], name="contact_repeat_idx"),
            models.Index(fields=["officer", "started_at"], name="contact_officer_idx"),
            models.Index(fields=["started_at"], name="contact_started_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__gte=models.F("started_at")),
                name="contact_ends_after_start",
                violation_error_message="The end must be the same as or after the start.",
            ),
            models.CheckConstraint(
                condition=models.Q(council_service__isnull=False) | models.Q(outcome="failed"),
                name="contact_has_service_unless_failed",
                violation_error_message="Choose the service the contact was about.",
            ),
            models.CheckConstraint(
                condition=models.Q(is_avoidable=False) | models.Q(avoidable_reason__isnull=False),
                name="avoidable_contact_has_reason",
                violation_error_message="Say why the contact was avoidable.",
            ),
            models.CheckConstraint(
                condition=~models.Q(channel="face_to_face") | models.Q(site__isnull=False),
                name="face_to_face_contact_has_site",
                violation_error_message="Choose the site a face-to-face contact took place at.",
            ),
            models.CheckConstraint(
                condition=models.Q(is_repeat=False, repeat_of__isnull=True)
                | models.Q(is_repeat=True, repeat_of__isnull=False),
                name="repeat_contact_names_earlier",
                violation_error_message="A repeat contact names the contact it repeats.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_channel_display()}"

    @property
    def reference(self) -> str:
        return f"CT-{self.pk:07d}"

    @property
    def duration_seconds(self) -> int:
        return int((self.ended_at - self.started_at).total_seconds())


class AgreedAction(models.Model):
    """Something promised to the customer during a contact, owned by an officer or a client service."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="agreed_actions")
    customer = models.ForeignKey("customers.Customer", on_delete=models.PROTECT, related_name="agreed_actions")
    what = models.CharField(max_length=500)
    owner_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="agreed_actions"
    )
    owner_client_service = models.ForeignKey(
        "organisation.ClientService", on_delete=models.PROTECT, null=True, blank=True, related_name="agreed_actions"
    )
    due_on = models.DateField()
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["owner_officer", "completed_at", "due_on"], name="action_officer_idx"),
            models.Index(fields=["owner_client_service", "completed_at", "due_on"], name="action_service_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_officer__isnull=False, owner_client_service__isnull=True)
                | models.Q(owner_officer__isnull=True, owner_client_service__isnull=False),
                name="action_has_one_owner",
                violation_error_message="An action is owned by an officer or by a client service.",
            ),
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True, completed_by__isnull=True)
                | models.Q(completed_at__isnull=False, completed_by__isnull=False),
                name="action_completion_names_who",
                violation_error_message="A completed action records who completed it.",
            ),
        ]

    def __str__(self) -> str:
        return self.what


class ReferralReason(CodeList):
    """Why contacts are passed to a back-office service, as the council counts them."""


class ReferralRule(models.Model):
    """Whether a client service only accepts referrals a team manager has authorised."""

    client_service = models.OneToOneField(
        "organisation.ClientService", on_delete=models.CASCADE, related_name="referral_rule"
    )
    needs_authorisation = models.BooleanField(
        default=True, help_text="Referrals wait for a team manager to authorise them before the service sees them."
    )

    def __str__(self) -> str:
        return f"{self.client_service}: {'authorisation needed' if self.needs_authorisation else 'sent directly'}"


class ReferralStatus(models.TextChoices):
    # An authorised referral goes straight to the service, so authorising makes it "sent" and names who decided.
    PENDING_AUTHORISATION = "pending_authorisation", "Waiting for authorisation"
    DECLINED = "declined", "Declined"
    SENT = "sent", "Sent"


class Referral(models.Model):
    """A contact passed to a back-office client service, with the reason."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="referrals")
    client_service = models.ForeignKey("organisation.ClientService", on_delete=models.PROTECT, related_name="referrals")
    reason = models.ForeignKey(ReferralReason, on_delete=models.PROTECT, related_name="referrals")
    detail = models.TextField(blank=True, help_text="What the client service needs to know.")
    status = models.CharField(max_length=25, choices=ReferralStatus.choices)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["client_service", "status", "created_at"], name="referral_service_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="declined_referral_has_reason",
                violation_error_message="Say why the referral is declined.",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending_authorisation", "sent"], decided_by__isnull=True)
                | models.Q(decided_by__isnull=False, decided_at__isnull=False),
                name="referral_decision_names_who",
                violation_error_message="A decision records who made it and when.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="sent_referral_has_time",
                violation_error_message="A sent referral records when it was sent.",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral to {self.client_service}"
