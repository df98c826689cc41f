from django.conf import settings
from django.db import models

SATISFIED_FROM = 4
DISSATISFIED_UP_TO = 2


class Rating(models.IntegerChoices):
    VERY_SATISFIED = 5, "Very satisfied"
    SATISFIED = 4, "Satisfied"
    NEITHER = 3, "Neither satisfied nor dissatisfied"
    DISSATISFIED = 2, "Dissatisfied"
    VERY_DISSATISFIED = 1, "Very dissatisfied"


class CaptureMethod(models.TextChoices):
    KIOSK = "kiosk", "Kiosk at a customer service centre"
    LINK_EMAIL = "link_email", "Survey link in an email"
    LINK_TEXT = "link_text", "Survey link in a text message"
    LINK_LETTER = "link_letter", "Survey address in a letter"
    OFFICER = "officer", "Asked by the officer and keyed in"
    IVR = "ivr", "Automated phone survey after the call"
    WEB_PORTAL = "web_portal", "Residents' web portal"


class DissatisfactionReason(models.Model):
    """Why a customer was dissatisfied, from a list the council keeps; reports count them by category."""

    label = models.CharField(max_length=150, unique=True)
    category = models.CharField(max_length=80, help_text="Reports group reasons by this, e.g. Waiting, Staff.")
    is_active = models.BooleanField(default=True, help_text="Only active reasons are offered to customers.")

    class Meta:
        ordering = ["category", "label"]

    def __str__(self) -> str:
        return self.label


class KioskDevice(models.Model):
    """A tablet or kiosk in a centre's public area, bound to that site by a secret token held in its browser."""

    site = models.ForeignKey("organisation.Site", on_delete=models.PROTECT, related_name="kiosk_devices")
    name = models.CharField(max_length=100, help_text="Where it stands, e.g. Reception, by the exit.")
    # Only a hash is kept, so a copy of the database cannot be used to pose as a kiosk.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["site__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | models.Q(revoked_at__isnull=False, revoked_by__isnull=False),
                name="kiosk_revocation_names_who",
                violation_error_message="A revoked kiosk records who revoked it.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.site} – {self.name}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class SurveyResponse(models.Model):
    """A customer's one-question answer about one contact; the site, channel, service and officer are the
    contact's, so they are read through it rather than copied."""

    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="survey_responses")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    captured_by = models.CharField(max_length=20, choices=CaptureMethod.choices)
    reason = models.ForeignKey(
        DissatisfactionReason, on_delete=models.PROTECT, null=True, blank=True, related_name="responses"
    )
    comment = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The officer or API user who keyed it; blank when the customer answered themselves.",
    )
    kiosk = models.ForeignKey(KioskDevice, on_delete=models.PROTECT, null=True, blank=True, related_name="responses")
    responded_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-responded_at", "-id"]
        indexes = [models.Index(fields=["responded_at"], name="survey_responded_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["contact"],
                name="one_survey_response_per_contact",
                violation_error_message="This contact already has a satisfaction answer.",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5),
                name="survey_rating_one_to_five",
                violation_error_message="The rating runs from 1 (very dissatisfied) to 5 (very satisfied).",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__lte=DISSATISFIED_UP_TO, reason__isnull=False)
                | models.Q(rating__gt=DISSATISFIED_UP_TO, reason__isnull=True),
                name="survey_reason_only_when_dissatisfied",
                violation_error_message="A dissatisfied answer gives a reason; any other gives none.",
            ),
            models.CheckConstraint(
                condition=~models.Q(captured_by="kiosk") | models.Q(kiosk__isnull=False),
                name="kiosk_answer_names_kiosk",
                violation_error_message="A kiosk answer records the kiosk.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} ({self.get_captured_by_display()})"

    @property
    def is_satisfied(self) -> bool:
        return self.rating >= SATISFIED_FROM

    @property
    def is_dissatisfied(self) -> bool:
        return self.rating <= DISSATISFIED_UP_TO
