from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

from servicefirst.core.channels import ContactChannel


class ChargeBasis(models.TextChoices):
    PER_CONTACT = "per_contact", "Per contact"
    PER_MINUTE = "per_minute", "Per minute of transaction time"


class RechargeRate(models.Model):
    """What a client service is recharged for contacts on one channel, from a date until the next rate.

    A rate with no client service is the council's default for the channel; a client service's own rate
    replaces the default from its date. Councils set their own rates; the seeded ones are illustrative.
    """

    channel = models.CharField(max_length=20, choices=ContactChannel.choices)
    client_service = models.ForeignKey(
        "organisation.ClientService",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="recharge_rates",
        help_text="Leave empty for the default rate every client service pays unless it has its own.",
    )
    basis = models.CharField(max_length=20, choices=ChargeBasis.choices, default=ChargeBasis.PER_CONTACT)
    amount = models.DecimalField(
        "Rate (£)",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Pounds per contact, or per minute of transaction time.",
    )
    effective_from = models.DateField(help_text="Contacts that start on or after this day are charged at this rate.")
    source = models.CharField(max_length=200, blank=True, help_text="Where the rate comes from, for the auditors.")

    class Meta:
        ordering = ["channel", "client_service__name", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "effective_from"],
                condition=models.Q(client_service__isnull=True),
                name="one_default_rate_per_channel_day",
                violation_error_message="A default rate for this channel already starts that day.",
            ),
            models.UniqueConstraint(
                fields=["channel", "client_service", "effective_from"],
                condition=models.Q(client_service__isnull=False),
                name="one_service_rate_per_channel_day",
                violation_error_message="This client service already has a rate for this channel starting that day.",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="recharge_rate_not_negative",
                violation_error_message="The rate cannot be negative.",
            ),
        ]

    def __str__(self) -> str:
        whose = self.client_service or "Default"
        charge = f"£{self.amount} {self.get_basis_display().lower()}"
        return f"{whose}: {self.get_channel_display()} {charge} from {self.effective_from}"


HOURS = range(24)
# What a contact fact adds up, in this order wherever the facts are written or read.
CONTACT_COUNTS = (
    "contacts",
    "resolvable",
    "identified",
    "resolved_first_contact",
    "avoidable",
    "repeats",
    "microseconds",
    "answers",
    "satisfied",
    *(f"h{hour:02d}" for hour in HOURS),
)


class ContactFact(models.Model):
    """Contacts added up by their channel, site and service over a London day (`ContactDayFact`) or month
    (`ContactMonthFact`): what the dashboard reads instead of walking every contact. A long period reads whole
    months from the monthly rows and only its ragged ends from the daily ones.

    `performance.services_facts` keeps both current in the same transaction as each contact and answer, and
    rebuilds them from the contacts after a bulk load. The keys are plain numbers, 0 for no site or no service,
    so one unique key holds on every database (a nullable key would let two rows share it) and facts never block
    a site or service from being tidied away.
    """

    channel = models.CharField(max_length=20, choices=ContactChannel.choices)
    site_key = models.PositiveIntegerField(help_text="The site's id, or 0 for contacts at no site.")
    council_service_key = models.PositiveIntegerField(help_text="The service's id, or 0 for failed contacts.")
    contacts = models.PositiveIntegerField(default=0)
    resolvable = models.PositiveIntegerField(
        default=0, help_text="Contacts the front office could resolve: all but the failed or abandoned."
    )
    identified = models.PositiveIntegerField(
        default=0, help_text="Contacts with a known customer, the only ones that can be repeats."
    )
    resolved_first_contact = models.PositiveIntegerField(default=0)
    avoidable = models.PositiveIntegerField(default=0)
    repeats = models.PositiveIntegerField(default=0)
    microseconds = models.BigIntegerField(default=0, help_text="Transaction time of these contacts added up.")
    answers = models.PositiveIntegerField(default=0, help_text="Satisfaction answers about these contacts.")
    satisfied = models.PositiveIntegerField(default=0)
    # One column per hour of the day (London time), so the hour chart comes from the same rows.
    locals().update({f"h{hour:02d}": models.PositiveIntegerField(default=0) for hour in HOURS})

    class Meta:
        abstract = True


class ContactDayFact(ContactFact):
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "channel", "site_key", "council_service_key"], name="contact_day_fact_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.channel} site {self.site_key} service {self.council_service_key}: {self.contacts}"


class ContactMonthFact(ContactFact):
    month = models.DateField(help_text="The first day of the month.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "channel", "site_key", "council_service_key"], name="contact_month_fact_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%B %Y} {self.channel} site {self.site_key} service {self.council_service_key}"


class RequestDayFact(models.Model):
    """Service requests resolved on a London day, by client service and the site of the contact that raised
    them, with how many were resolved by their due date. Kept current as requests are resolved and reopened."""

    day = models.DateField()
    client_service_key = models.PositiveIntegerField()
    site_key = models.PositiveIntegerField(help_text="The raising contact's site, or 0.")
    resolved = models.IntegerField(default=0)
    resolved_on_time = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "client_service_key", "site_key"], name="request_day_fact_key")
        ]

    def __str__(self) -> str:
        return f"{self.day} client service {self.client_service_key} site {self.site_key}: {self.resolved}"
