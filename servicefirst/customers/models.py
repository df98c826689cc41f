from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Left, StrIndex

from servicefirst.core.references import record_reference
from servicefirst.core.validation import phone_display

# Customers are known by their record number, C-000123 (`core.references`).
REFERENCE_PREFIX = "C"


class CustomerKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    LETTER = "letter", "Letter"
    FACE_TO_FACE = "face_to_face", "Face to face"


class AccessibilityNeed(models.TextChoices):
    BSL = "bsl", "British Sign Language interpreter"
    INTERPRETER = "interpreter", "Spoken language interpreter"
    LARGE_PRINT = "large_print", "Large print"
    BRAILLE = "braille", "Braille"
    EASY_READ = "easy_read", "Easy read"
    AUDIO = "audio", "Audio format"
    HEARING_LOOP = "hearing_loop", "Hearing loop"
    TEXT_RELAY = "text_relay", "Text relay (Relay UK)"
    CALL_BACK = "call_back", "Needs a call back"
    STEP_FREE = "step_free", "Step-free access"
    ADVOCATE = "advocate", "Speaks through an advocate or carer"
    MORE_TIME = "more_time", "Needs more time"


class Customer(models.Model):
    """A resident, business or other organisation the council serves."""

    kind = models.CharField(max_length=12, choices=CustomerKind.choices, default=CustomerKind.PERSON)
    title = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    preferred_channel = models.CharField(max_length=12, choices=Channel.choices, blank=True)
    preferred_language = models.CharField(max_length=50, blank=True, default="English")
    accessibility_needs = models.JSONField(default=list, blank=True)
    accessibility_notes = models.TextField(blank=True)
    contact_consent = models.BooleanField(
        default=False, help_text="The customer agrees to be contacted about services beyond their own requests."
    )
    contact_consent_at = models.DateTimeField(null=True, blank=True)
    # Phonetic keys of the names (metaphone and soundex), kept by the services so that
    # misspelt names find their customer through an index rather than a full scan.
    first_name_metaphone = models.CharField(max_length=20, blank=True, editable=False)
    first_name_soundex = models.CharField(max_length=4, blank=True, editable=False)
    last_name_metaphone = models.CharField(max_length=20, blank=True, editable=False)
    last_name_soundex = models.CharField(max_length=4, blank=True, editable=False)
    sort_name = models.CharField(max_length=200, blank=True, editable=False)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every change, so an edit based on an old copy is refused."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["sort_name", "id"]
        indexes = [
            models.Index(fields=["last_name_metaphone", "first_name_metaphone"], name="customer_name_mp_idx"),
            models.Index(fields=["last_name_soundex", "first_name_soundex"], name="customer_name_sx_idx"),
            models.Index(fields=["sort_name", "id"], name="customer_sort_name_idx"),
            models.Index(fields=["date_of_birth", "sort_name"], name="customer_birth_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="person") & ~models.Q(last_name=""))
                | (models.Q(kind="organisation") & ~models.Q(organisation_name="")),
                name="customer_has_name",
                violation_error_message="A person needs a last name and an organisation needs a name.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.reference})"

    @property
    def reference(self) -> str:
        return record_reference(prefix=REFERENCE_PREFIX, number=self.pk)

    @property
    def display_name(self) -> str:
        if self.kind == CustomerKind.ORGANISATION:
            return self.organisation_name
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    @property
    def accessibility_need_labels(self) -> list[str]:
        return [AccessibilityNeed(n).label for n in self.accessibility_needs if n in AccessibilityNeed.values]


class Address(models.Model):
    class Kind(models.TextChoices):
        HOME = "home", "Home"
        CORRESPONDENCE = "correspondence", "Correspondence"
        BUSINESS = "business", "Business"
        PREVIOUS = "previous", "Previous"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.HOME)
    line_1 = models.CharField(max_length=150)
    line_2 = models.CharField(max_length=150, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=8, help_text="Normalised: upper case with one space, e.g. E8 1EA.")
    # Officers search a district ("E8"); an exact column keeps that an index lookup whatever the collation.
    outward_code = models.GeneratedField(
        expression=Left("postcode", StrIndex("postcode", Value(" ")) - 1),
        output_field=models.CharField(max_length=4),
        db_persist=True,
    )
    uprn = models.CharField("UPRN", max_length=12, blank=True)
    # The street and house number as the search keys them (`customers.streets`), kept by the services and bulk loads,
    # so "14 Mare Street" or a street alone is an index lookup rather than a scan of every address line.
    street = models.CharField(max_length=150, blank=True, editable=False)
    street_number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    is_primary = models.BooleanField(default=True)

    class Meta:
        ordering = ["-is_primary", "id"]
        indexes = [
            models.Index(fields=["postcode"], name="address_postcode_idx"),
            models.Index(fields=["outward_code", "postcode", "customer"], name="address_outward_idx"),
            models.Index(fields=["uprn"], name="address_uprn_idx"),
            models.Index(fields=["street", "street_number", "customer"], name="address_street_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["customer"], condition=models.Q(is_primary=True), name="one_primary_address"
            ),
        ]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.line_1, self.line_2, self.town, self.postcode) if p)


class PhoneNumber(models.Model):
    class Kind(models.TextChoices):
        MOBILE = "mobile", "Mobile"
        HOME = "home", "Home"
        WORK = "work", "Work"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="phone_numbers")
    kind = models.CharField(max_length=6, choices=Kind.choices, default=Kind.MOBILE)
    number = models.CharField(max_length=20, help_text="E.164, e.g. +442083563000.")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["number"], name="phone_number_idx")]
        constraints = [models.UniqueConstraint(fields=["customer", "number"], name="unique_customer_phone")]

    def __str__(self) -> str:
        return self.national_format

    @property
    def national_format(self) -> str:
        return phone_display(self.number)


class EmailAddress(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="email_addresses")
    email = models.EmailField(help_text="Stored in lower case.")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["email"], name="email_address_idx")]
        constraints = [models.UniqueConstraint(fields=["customer", "email"], name="unique_customer_email")]

    def __str__(self) -> str:
        return self.email


class CustomerChange(models.Model):
    """A change to the customer's record, kept so the single view shows who changed what and when."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.CharField(max_length=200)
    fields = models.JSONField(default=list)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.summary
