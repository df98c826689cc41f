from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

from servicefirst.contacts.selectors import ContactChannel


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
