from django import forms

from servicefirst.core.forms import GovukDateField, GovukForm
from servicefirst.customers.models import AccessibilityNeed, Channel, CustomerKind


class CustomerSearchForm(GovukForm):
    q = forms.CharField(
        label="Search for a customer",
        max_length=200,
        required=False,
        help_text="A name (add a postcode, district or date of birth to narrow it), an address like 14 Mare Street, "
        "a postcode, phone number, email address or reference (like C-000123)",
    )
    q.hide_optional = True


class CustomerForm(GovukForm):
    kind = forms.ChoiceField(
        label="Is the customer a person or an organisation?",
        choices=CustomerKind.choices,
        widget=forms.RadioSelect,
        initial=CustomerKind.PERSON,
    )
    title = forms.CharField(max_length=20, required=False)
    first_name = forms.CharField(max_length=100, required=False, label="First name")
    last_name = forms.CharField(max_length=100, required=False, label="Last name")
    organisation_name = forms.CharField(max_length=200, required=False, label="Organisation name")
    date_of_birth = GovukDateField(label="Date of birth", required=False, help_text="For example, 27 3 1985")
    address_line_1 = forms.CharField(max_length=150, required=False, label="Address line 1")
    address_line_2 = forms.CharField(max_length=150, required=False, label="Address line 2")
    town = forms.CharField(max_length=100, required=False, label="Town or city")
    postcode = forms.CharField(max_length=10, required=False, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    uprn = forms.CharField(max_length=12, required=False, label="UPRN", help_text="Unique Property Reference Number")
    mobile_phone = forms.CharField(max_length=30, required=False, label="Mobile phone")
    other_phone = forms.CharField(max_length=30, required=False, label="Other phone")
    email = forms.CharField(max_length=254, required=False, label="Email address")
    preferred_channel = forms.ChoiceField(
        label="Preferred way of contact", choices=[("", "No preference"), *Channel.choices], required=False
    )
    preferred_language = forms.CharField(max_length=50, required=False, label="Preferred language")
    accessibility_needs = forms.MultipleChoiceField(
        label="Accessibility needs",
        choices=AccessibilityNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply",
    )
    accessibility_notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Notes about these needs"
    )
    contact_consent = forms.BooleanField(
        required=False,
        label="The customer agrees to be contacted about other council services",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["postcode"].widget.attrs["class"] = "govuk-input--width-10"
        self.fields["uprn"].widget.attrs["class"] = "govuk-input--width-10"
        self.fields["title"].widget.attrs["class"] = "govuk-input--width-5"
        for name in ("mobile_phone", "other_phone"):
            self.fields[name].widget.attrs.update({"class": "govuk-input--width-20", "type": "tel"})
        self.fields["email"].widget.attrs.update({"spellcheck": "false", "type": "email"})
