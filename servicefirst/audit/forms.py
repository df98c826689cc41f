from django import forms

from servicefirst.audit.models import AuditEvent
from servicefirst.core.forms import GovukDateField, GovukForm
from servicefirst.core.validation import date_bounds_check


class AuditFilterForm(GovukForm):
    """What the administrators' audit log page filters by; every field may be left empty."""

    person = forms.CharField(
        label="Person", required=False, max_length=150, help_text="The username of the member of staff"
    )
    record_type = forms.CharField(
        label="Kind of record",
        required=False,
        max_length=50,
        help_text="For example customer, contact, service_request, complaint, message",
    )
    record = forms.CharField(
        label="Record",
        required=False,
        max_length=100,
        help_text="Its id (finds the lists and searches that showed it too), or its reference, such as C-000123",
    )
    action = forms.ChoiceField(label="Action", required=False, choices=[("", "Any"), *AuditEvent.Action.choices])
    date_from = GovukDateField(label="From", required=False, help_text="For example, 1 12 2026")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 31 12 2026")

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in ("date_from", "date_to"):
            if cleaned.get(name):
                try:
                    date_bounds_check(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end of the period must be the same as or after the start")
        return cleaned

    def filters(self) -> dict:
        """The selector's arguments; nothing filtered unless the form is valid."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "username": data["person"].strip(),
            "record_type": data["record_type"].strip(),
            "record": data["record"].strip(),
            "action": data["action"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
