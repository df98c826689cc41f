from django import forms
from django.utils import timezone

from servicefirst.catalogue.selectors import contact_points_active, council_service_list
from servicefirst.contacts.models import ContactDirection, ContactOutcome
from servicefirst.contacts.selectors import (
    avoidable_reasons_active,
    referral_reasons_active,
    wrap_up_codes_active,
)
from servicefirst.contacts.services import ActionOwner
from servicefirst.core.channels import ContactChannel
from servicefirst.core.forms import GovukDateField, GovukForm, LocalDateTimeField
from servicefirst.organisation.selectors import site_list

ANONYMOUS = "anonymous"
_TIME_FORMAT = "%d/%m/%Y %H:%M:%S"
_TIME_EXAMPLE = "23/11/2026 14:05:30"
_TIME_HINT = f"For example, {_TIME_EXAMPLE}"


def _id_field(label: str, *, required: bool = False, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, coerce=int, empty_value=None, required=required, help_text=help_text, choices=[]
    )


class CustomerLookupForm(GovukForm):
    q = forms.CharField(
        label="Find the customer",
        max_length=200,
        required=False,
        help_text="Name, postcode, phone number, email address or reference. Press Enter to search.",
    )
    q.hide_optional = True


class ContactLogForm(GovukForm):
    """The fast logging screen: field names are the service's, so its errors land on the right field."""

    customer_id = forms.CharField(
        required=False,
        error_messages={"required": "Select the customer, or anonymous caller"},
    )
    channel = forms.ChoiceField(label="Channel", choices=ContactChannel.choices, initial=ContactChannel.PHONE)
    direction = forms.ChoiceField(label="Direction", choices=ContactDirection.choices, initial=ContactDirection.INBOUND)
    contact_point_id = _id_field("Came through", help_text="The published number or address the customer used")
    site_id = _id_field("Site", help_text="Needed for a face-to-face contact")
    council_service_id = _id_field("Service", help_text="Type the first letters to jump to a service")
    reason = forms.CharField(
        label="What the customer contacted us about",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=ContactOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the contact"},
    )
    referral_reason_id = _id_field("Referral reason", help_text="Only when the outcome is a referral")
    referral_detail = forms.CharField(
        label="What the client service needs to know",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    wrap_up_code_id = _id_field("Wrap-up code")
    is_avoidable = forms.BooleanField(label="This contact was avoidable", required=False)
    avoidable_reason_id = _id_field("Why it was avoidable")
    # Only the page asks this: it reveals the action's fields, which most calls never need.
    action_agreed = forms.BooleanField(label="An action was agreed with the customer", required=False)
    action_what = forms.CharField(
        label="What was agreed", max_length=500, required=False, help_text="Leave blank if nothing was agreed"
    )
    action_owner = forms.ChoiceField(
        label="Who will carry it out",
        choices=[(ActionOwner.OFFICER, "Me"), (ActionOwner.CLIENT_SERVICE, "The service's client service")],
        initial=ActionOwner.OFFICER,
        widget=forms.RadioSelect,
        required=False,
    )
    action_due_on = GovukDateField(label="Action due by", required=False, help_text="For example, 27 11 2026")
    started_at = LocalDateTimeField(
        label="Started",
        input_formats=[_TIME_FORMAT, "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(
            format=_TIME_FORMAT, attrs={"class": "govuk-input--width-20", "autocomplete": "off"}
        ),
        help_text=_TIME_HINT,
        error_messages={
            "required": "Enter when the contact started",
            "invalid": f"Enter the start like {_TIME_EXAMPLE}",
        },
    )
    ended_at = LocalDateTimeField(
        label="Ended",
        required=False,
        input_formats=[_TIME_FORMAT, "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(
            format=_TIME_FORMAT, attrs={"class": "govuk-input--width-20", "autocomplete": "off"}
        ),
        help_text="Leave blank to use the time you save",
        error_messages={"invalid": f"Enter the end like {_TIME_EXAMPLE}"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        services = council_service_list().select_related(None).select_related("client_service")
        self.fields["council_service_id"].choices = [("", "Choose a service")] + [(s.pk, s.name) for s in services]
        self.fields["contact_point_id"].choices = [("", "Not recorded")] + [
            (p.pk, str(p)) for p in contact_points_active()
        ]
        self.fields["site_id"].choices = [("", "Not at a site")] + [(s.pk, s.name) for s in site_list()]
        self.fields["wrap_up_code_id"].choices = [("", "None")] + [(c.pk, c.label) for c in wrap_up_codes_active()]
        self.fields["avoidable_reason_id"].choices = [("", "Not avoidable")] + [
            (r.pk, r.label) for r in avoidable_reasons_active()
        ]
        self.fields["referral_reason_id"].choices = [("", "Not referred")] + [
            (r.pk, r.label) for r in referral_reasons_active()
        ]
        # Required or not depending on other answers; the service says which, so "(optional)" would mislead.
        for name in (
            "council_service_id",
            "site_id",
            "reason",
            "referral_reason_id",
            "avoidable_reason_id",
            "action_owner",
            "action_due_on",
        ):
            self.fields[name].hide_optional = True

    # What each checkbox reveals on the page: most contacts are neither avoidable nor end with an action.
    @property
    def revealed_by_avoidable(self) -> list[forms.BoundField]:
        return [self["avoidable_reason_id"]]

    @property
    def revealed_by_action(self) -> list[forms.BoundField]:
        return [self["action_what"], self["action_owner"], self["action_due_on"]]

    @property
    def times_changed(self) -> bool:
        """Whether the start and end are open to view: when either is wrong or the officer set the end."""
        return bool(self.errors.get("started_at") or self.errors.get("ended_at") or self["ended_at"].value())

    @classmethod
    def opened_now(cls) -> "ContactLogForm":
        return cls(initial={"started_at": timezone.localtime().replace(microsecond=0)})

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("action_what", "").strip() and not cleaned.get("action_agreed"):
            # Typed, then the box left unticked: the page will not guess which the officer meant, nor drop it.
            self.add_error(
                "action_agreed",
                "Tick that an action was agreed with the customer, or clear what was agreed",
            )
        elif (
            cleaned.get("action_agreed")
            and not cleaned.get("action_what", "").strip()
            and "action_what" not in self.errors
        ):
            self.add_error("action_what", "Enter what was agreed with the customer")
        return cleaned

    def clean_customer_id(self) -> int | None:
        value = self.cleaned_data["customer_id"]
        if value == ANONYMOUS:
            return None
        if not value:
            raise forms.ValidationError("Select the customer, or anonymous caller")
        if not value.isdigit():
            raise forms.ValidationError("Select the customer from the search results")
        return int(value)


class DeclineForm(GovukForm):
    decline_reason = forms.CharField(
        label="Why is the referral declined?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The officer who referred the contact will see this",
        error_messages={"required": "Enter why the referral is declined"},
    )
