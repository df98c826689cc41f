from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

_PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Directorate(models.Model):
    name = models.CharField(max_length=150, unique=True)
    code = models.SlugField(max_length=50, unique=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClientService(models.Model):
    """A back-office service that the front office handles contacts for, and recharges."""

    name = models.CharField(max_length=150, unique=True)
    code = models.SlugField(max_length=50, unique=True)
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="client_services")
    team_managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_client_services",
        help_text="Front-office team managers who hold the liaison with this service.",
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True, help_text="Stored in international format (E.164).")
    liaison_contact = models.CharField(max_length=150, blank=True, help_text="Named contact in the back office.")
    target_sla_percent = models.DecimalField(
        "Requests within SLA target (%)", max_digits=5, decimal_places=2, default=Decimal("95"), validators=_PERCENT
    )
    target_first_contact_resolution_percent = models.DecimalField(
        "First-contact resolution target (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("80"),
        validators=_PERCENT,
    )
    target_answer_percent = models.DecimalField(
        "Calls answered within threshold target (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("80"),
        validators=_PERCENT,
    )
    target_answer_seconds = models.PositiveIntegerField("Answer threshold (seconds)", default=20)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    """A customer service centre residents can visit."""

    name = models.CharField(max_length=150, unique=True)
    code = models.SlugField(max_length=50, unique=True)
    address_line_1 = models.CharField(max_length=150)
    address_line_2 = models.CharField(max_length=150, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=8)
    uprn = models.CharField("UPRN", max_length=12, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    accessibility = models.TextField(
        blank=True, help_text="Step-free access, hearing loop, accessible toilet, parking for disabled visitors…"
    )
    closed_on_bank_holidays = models.BooleanField(default=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class OpeningHours(models.Model):
    """A site's hours on one weekday; a weekday with no row is closed."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["site", "weekday"]
        verbose_name_plural = "opening hours"
        constraints = [
            models.UniqueConstraint(fields=["site", "weekday"], name="one_opening_per_site_weekday"),
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="opening_closes_after_opens",
                violation_error_message="Closing time must be after opening time.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site}: {self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class SiteClosure(models.Model):
    """Days a site is closed beyond its weekly pattern (refurbishment, staff training, a one-off holiday)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="closures")
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["site", "starts_on"]
        constraints = [
            # Imports match a closure on its site and first day, so a corrected end date updates it in place.
            models.UniqueConstraint(
                fields=["site", "starts_on"],
                name="one_closure_per_site_start",
                violation_error_message="This site already has a closure starting that day.",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="closure_ends_after_start",
                violation_error_message="The closure must end on or after the day it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} closed {self.starts_on}–{self.ends_on}: {self.reason}"
