from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from servicefirst.core.channels import ContactChannel

# The channels a shopper can test; contacts owns the names so both apps count the same channels.
SHOP_CHANNELS = [
    (channel.value, channel.label)
    for channel in (
        ContactChannel.PHONE,
        ContactChannel.FACE_TO_FACE,
        ContactChannel.EMAIL,
        ContactChannel.WEB_FORM,
        ContactChannel.WEBCHAT,
    )
]
SHOP_CHANNEL_VALUES = [value for value, _ in SHOP_CHANNELS]
MAX_WEIGHT = 10


class Standard(models.Model):
    """One of the council's corporate customer care standards, as the council words and weighs it today.

    Editing a standard changes future shops only: each shop keeps the checklist version it was scheduled
    with, and that version keeps its own copy of the wording, channels and weights.
    """

    code = models.SlugField(max_length=50, unique=True)
    text = models.CharField(max_length=200, help_text="As the shopper answers it, e.g. 'Officer gave their name'.")
    channels = models.JSONField(default=list, help_text="The channels the standard applies to.")
    weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WEIGHT)],
        help_text=f"1 to {MAX_WEIGHT}: how much meeting it counts towards a shop's score.",
    )
    is_active = models.BooleanField(default=True, help_text="Only active standards go into new checklists.")
    order = models.PositiveSmallIntegerField(default=100, help_text="Lower numbers are asked first.")

    class Meta:
        ordering = ["order", "text"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=MAX_WEIGHT),
                name="standard_weight_in_range",
                violation_error_message=f"The weight must be from 1 to {MAX_WEIGHT}.",
            )
        ]

    def __str__(self) -> str:
        return self.text


class Checklist(models.Model):
    """A frozen version of the standards; a new version is made when the standards change."""

    version = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Checklist version {self.version}"


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="checklist_items")
    text = models.CharField(max_length=200)
    channels = models.JSONField(default=list)
    weight = models.PositiveSmallIntegerField()
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order", "text"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "standard"], name="checklist_item_once"),
            models.CheckConstraint(condition=models.Q(weight__gte=1), name="checklist_item_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.text

    def applies_to(self, channel: str) -> bool:
        return channel in self.channels


class ShopStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class MysteryShop(models.Model):
    """A planned test of one site's service on one channel, by a shopper the customer cannot tell apart."""

    site = models.ForeignKey("organisation.Site", on_delete=models.PROTECT, related_name="mystery_shops")
    channel = models.CharField(max_length=20, choices=SHOP_CHANNELS)
    contact_point = models.ForeignKey(
        "catalogue.ContactPoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mystery_shops",
        help_text="The published number or address the shopper uses, if any.",
    )
    scheduled_for = models.DateField()
    shopper = models.CharField(max_length=150, help_text="The shopper's name, or the agency's.")
    scenario = models.TextField(help_text="What the shopper asks for or pretends to need.")
    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="shops")
    status = models.CharField(max_length=10, choices=ShopStatus.choices, default=ShopStatus.SCHEDULED)
    done_on = models.DateField(null=True, blank=True, help_text="The day the shopper carried out the shop.")
    score = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, help_text="Weighted % of applicable standards met."
    )
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scored_at = models.DateTimeField(null=True, blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["scheduled_for", "id"]
        indexes = [
            models.Index(fields=["status", "scheduled_for"], name="shop_status_date_idx"),
            models.Index(fields=["site", "done_on"], name="shop_site_done_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="done")
                | models.Q(
                    done_on__isnull=False, score__isnull=False, scored_by__isnull=False, scored_at__isnull=False
                ),
                name="done_shop_has_score",
                violation_error_message="A done shop records its day, its score and who scored it.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | models.Q(cancelled_at__isnull=False),
                name="cancelled_shop_has_time",
                violation_error_message="A cancelled shop records when it was cancelled.",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="shop_score_is_percentage",
                violation_error_message="A score is a percentage.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.site} ({self.get_channel_display()})"

    @property
    def reference(self) -> str:
        return f"MS-{self.pk:05d}"


class Answer(models.TextChoices):
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class MysteryShopScore(models.Model):
    """The shopper's answer for one standard of the shop's checklist."""

    shop = models.ForeignKey(MysteryShop, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="scores")
    answer = models.CharField(max_length=15, choices=Answer.choices)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["item__order", "item__text"]
        constraints = [models.UniqueConstraint(fields=["shop", "item"], name="one_score_per_standard")]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_answer_display()}"
