from django import forms

from servicefirst.core.forms import GovukDateField, GovukForm, PeriodForm
from servicefirst.satisfaction.models import Rating
from servicefirst.satisfaction.selectors import reasons_active
from servicefirst.satisfaction.services import COMMENT_MAX

QUESTION = "How satisfied were you with our service today?"


class ReasonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class SurveyForm(GovukForm):
    """The one question, with the reason asked of those dissatisfied; field names are the service's."""

    rating = forms.TypedChoiceField(
        label=QUESTION,
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how satisfied you were with our service"},
    )
    reason_id = ReasonChoiceField(
        label="If you were dissatisfied, what was the main reason?",
        queryset=reasons_active(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        help_text="Only if you chose dissatisfied or very dissatisfied.",
    )
    comment = forms.CharField(
        label="Anything else you would like to tell us",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Do not include personal details such as your name, address or account numbers.",
    )

    def __init__(self, *args, officer: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if officer:
            self.fields["rating"].label = "How satisfied was the customer with our service today?"
            self.fields["rating"].error_messages["required"] = "Select how satisfied the customer was"
            self.fields["reason_id"].label = "If dissatisfied, the main reason"
            self.fields["reason_id"].help_text = "Only if the customer was dissatisfied or very dissatisfied."
            self.fields["comment"].label = "What the customer said"
            self.fields["comment"].help_text = ""

    def answer(self) -> dict:
        reason = self.cleaned_data.get("reason_id")
        return {
            "rating": self.cleaned_data.get("rating"),
            "reason_id": reason.pk if reason else None,
            "comment": self.cleaned_data.get("comment") or "",
        }


class KioskRegisterForm(GovukForm):
    site_id = forms.TypedChoiceField(label="Site", coerce=int, empty_value=None)
    name = forms.CharField(
        label="Where the kiosk stands", max_length=100, help_text="For example, Reception or By the exit."
    )

    def __init__(self, *args, sites, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site_id"].choices = [("", "Choose a site"), *((s.pk, s.name) for s in sites)]
        self.fields["site_id"].error_messages["required"] = "Select the site the kiosk stands in"
        self.fields["name"].error_messages["required"] = "Enter where the kiosk stands, for example Reception"


class KioskStartForm(GovukForm):
    token = forms.CharField(
        label="Kiosk token",
        max_length=100,
        help_text="Shown once when the kiosk was registered.",
        error_messages={"required": "Enter the kiosk token"},
    )


class ResultsPeriodForm(PeriodForm):
    date_from = GovukDateField(label="Contacts from", required=False, help_text="For example, 1 4 2026")
    date_to = GovukDateField(label="Contacts to", required=False, help_text="For example, 31 3 2027")
