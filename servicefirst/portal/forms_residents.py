"""Forms for tracking, complaints, compliments, feedback and the sign-in link. Each page asks one thing."""

from django import forms
from django.core.exceptions import ValidationError

from servicefirst.catalogue.selectors import council_service_list
from servicefirst.core.forms import GovukForm
from servicefirst.core.validation import phone_normalise, postcode_normalise
from servicefirst.portal.protection import HONEYPOT_FIELD, HoneypotMixin

NO_SERVICE = ""


class PublicForm(HoneypotMixin, GovukForm):
    """A public form whose honeypot is rendered by `portal/_honeypot.html`, not with the visible fields."""

    def visible_questions(self) -> list:
        return [field for field in self if field.name != HONEYPOT_FIELD]


def _postcode_clean(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return postcode_normalise(value)
    except ValidationError as error:
        raise forms.ValidationError(error.messages[0]) from None


class TrackForm(PublicForm):
    reference = forms.CharField(
        label="Reference",
        max_length=20,
        error_messages={"required": "Enter your reference"},
        help_text="It is in the email or letter we sent you, for example SR-2026-000123 or CMP-2026-000045.",
    )
    email = forms.CharField(
        label="Email address",
        required=False,
        max_length=254,
        help_text="The email address you gave us.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    postcode = forms.CharField(
        label="Or postcode",
        required=False,
        max_length=10,
        help_text="The postcode you gave us, if you did not give an email address.",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}),
    )

    def clean_postcode(self) -> str:
        return _postcode_clean(self.cleaned_data.get("postcode", ""))

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("email", "").strip() and not cleaned.get("postcode"):
            self.add_error("email", "Enter the email address or the postcode you gave us")
        return cleaned


class AboutForm(GovukForm):
    council_service = forms.ChoiceField(label="Which service is it about?", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        services = council_service_list().order_by("name").values_list("pk", "name")
        self.fields["council_service"].choices = [(NO_SERVICE, "Not about one service, or I do not know")] + [
            (str(pk), name) for pk, name in services
        ]
        self.fields["council_service"].help_text = "Leave this if you are not sure; we will find the right team."

    def clean_council_service(self) -> int | None:
        value = self.cleaned_data.get("council_service") or NO_SERVICE
        return int(value) if value != NO_SERVICE else None


class WhatForm(GovukForm):
    summary = forms.CharField(label="In one sentence, what is it about?", max_length=200)
    details = forms.CharField(label="Tell us more", widget=forms.Textarea(attrs={"rows": 8}), max_length=5000)

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if kind == "complaint":
            self.fields["details"].label = "What happened?"
            self.fields["details"].help_text = "Tell us what went wrong, when, and what you would like us to do."
            self.fields["summary"].error_messages["required"] = "Enter what your complaint is about"
            self.fields["details"].error_messages["required"] = "Enter what happened"
        else:
            self.fields["details"].required = False
            self.fields["summary"].error_messages["required"] = "Enter what you want to tell us"


class DetailsForm(GovukForm):
    first_name = forms.CharField(
        label="First name", required=False, max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label="Last name", required=False, max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        help_text="For international numbers include the country code.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "class": "govuk-input--width-20"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}),
    )

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == "complaint":
            self.fields["last_name"].required = True
            self.fields["last_name"].error_messages["required"] = "Enter your last name"
            for name in ("email", "phone"):
                self.fields[name].hide_optional = True
            self.fields["email"].help_text = "Give an email address, a phone number or both."

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone", "").strip()
        if value:
            try:
                phone_normalise(value)
            except ValidationError as error:
                raise forms.ValidationError(error.messages[0]) from None
        return value

    def clean_postcode(self) -> str:
        return _postcode_clean(self.cleaned_data.get("postcode", ""))

    def clean(self):
        cleaned = super().clean()
        gave_any = any(cleaned.get(name) for name in ("first_name", "last_name", "email", "phone", "postcode"))
        if self.kind != "complaint" and not gave_any and not self.errors:
            return cleaned
        if not cleaned.get("last_name") and "last_name" not in self.errors:
            self.add_error("last_name", "Enter your last name")
        if not cleaned.get("email") and not cleaned.get("phone") and not {"email", "phone"} & set(self.errors):
            self.add_error("email", "Enter an email address or a phone number so we can reply to you")
        return cleaned


class SubmitForm(PublicForm):
    """The check-your-answers page's button: only the honeypot."""


class SignInForm(PublicForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Use the email address you gave us when you made a request or a complaint.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
