import re

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class LgslService(models.Model):
    """One entry of the Local Government Services List, as published by LG Inform Plus (esd)."""

    code = models.PositiveIntegerField("LGSL code", unique=True)
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "LGSL service"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class FrontOfficeStatus(models.TextChoices):
    IN_FRONT_OFFICE = "in_front_office", "In the front office"
    PLANNED = "planned", "Planned for transfer"
    NOT_TRANSFERRED = "not_transferred", "Not transferred"
    EXCLUDED = "excluded", "Excluded"


class TransferPriority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class CouncilService(models.Model):
    """A service this council offers, mapped to its LGSL code and the client service that delivers it."""

    lgsl = models.OneToOneField(LgslService, on_delete=models.PROTECT, related_name="council_service")
    name = models.CharField(max_length=255, help_text="The council's own name for the service.")
    client_service = models.ForeignKey(
        "organisation.ClientService", on_delete=models.PROTECT, related_name="council_services"
    )
    status = models.CharField(
        "Front-office status",
        max_length=20,
        choices=FrontOfficeStatus.choices,
        default=FrontOfficeStatus.NOT_TRANSFERRED,
    )
    transfer_wave = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MinValueValidator(1)])
    transfer_priority = models.CharField(max_length=10, choices=TransferPriority.choices, blank=True)
    exclusion_reason = models.CharField(max_length=200, blank=True, help_text="For example: delivered by the ALMO.")
    sla_working_days = models.PositiveSmallIntegerField(
        "SLA (working days)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Working days to resolve a service request; blank if the service raises none.",
    )
    front_office_may_resolve = models.BooleanField(
        default=False, help_text="Officers may resolve contacts about this service without referring them."
    )
    officer_notes = models.TextField(blank=True, help_text="What officers need to know.")
    officer_script = models.TextField(blank=True, help_text="What officers say or ask, step by step.")
    keywords = models.CharField(
        max_length=255,
        blank=True,
        help_text="Other words residents use for the service, comma separated; the residents' search finds it by them.",
    )
    # What residents read is the council's own plain English, kept apart from the LGSL's wording, which is written
    # for councils and is replaced whenever the LGSL is imported again.
    public_name = models.CharField(
        "Name residents see",
        max_length=255,
        blank=True,
        help_text="The words a resident would use, e.g. 'Report a missed bin'. Leave blank to use the name above.",
    )
    summary = models.CharField(
        "Summary for residents",
        max_length=300,
        blank=True,
        help_text="One or two sentences in plain English, shown under the service in search results.",
    )
    description = models.TextField(
        "Description for residents",
        blank=True,
        help_text="What residents read on the service's page, in plain English. A blank line starts a new paragraph.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="planned")
                | (models.Q(transfer_wave__isnull=False) & ~models.Q(transfer_priority="")),
                name="planned_service_has_wave_and_priority",
                violation_error_message="A service planned for transfer needs a wave and a priority.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="excluded") | ~models.Q(exclusion_reason=""),
                name="excluded_service_has_reason",
                violation_error_message="Say why the service is excluded from the front office.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_requestable(self) -> bool:
        """A service takes service requests when it has a service level agreement: a request is due by its SLA.
        `catalogue.selectors.council_services_requestable` is the same rule as a query."""
        return self.sla_working_days is not None

    @property
    def resident_name(self) -> str:
        return self.public_name or self.name

    @property
    def description_paragraphs(self) -> list[str]:
        return [paragraph.strip() for paragraph in re.split(r"\n\s*\n", self.description) if paragraph.strip()]

    @property
    def in_front_office(self) -> bool:
        return self.status == FrontOfficeStatus.IN_FRONT_OFFICE


class ContactPoint(models.Model):
    """A published phone number or email address, and the services residents reach through it."""

    class Kind(models.TextChoices):
        PHONE = "phone", "Phone number"
        EMAIL = "email", "Email address"

    kind = models.CharField(max_length=5, choices=Kind.choices)
    value = models.CharField(max_length=254, help_text="Phone numbers in E.164 format; email addresses in lower case.")
    label = models.CharField(max_length=150, help_text="As published, e.g. 'Council tax enquiries'.")
    client_service = models.ForeignKey(
        "organisation.ClientService", on_delete=models.PROTECT, related_name="contact_points", null=True, blank=True
    )
    site = models.ForeignKey(
        "organisation.Site", on_delete=models.PROTECT, related_name="contact_points", null=True, blank=True
    )
    services = models.ManyToManyField(CouncilService, blank=True, related_name="contact_points")
    annual_volume = models.PositiveIntegerField(null=True, blank=True, help_text="Calls or emails a year, if known.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "label"]
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="unique_contact_point")]

    def __str__(self) -> str:
        return f"{self.label} ({self.value})"
