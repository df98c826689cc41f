from django import forms

from servicefirst.core.forms import GovukForm
from servicefirst.customers.selectors import customer_reference_parse
from servicefirst.notifications.models import MessageChannel, MessageStatus


class OutboxFilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any"), *MessageStatus.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    channel = forms.ChoiceField(
        label="Sent by",
        required=False,
        choices=[("", "Any"), *MessageChannel.choices],
        error_messages={"invalid_choice": "Select email, text message or letter"},
    )
    customer = forms.CharField(
        label="Customer reference",
        required=False,
        max_length=20,
        help_text="For example, C-000123",
        error_messages={"max_length": "Customer reference must be 20 characters or fewer"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # Every filter is optional, so saying so on each would be noise.
            field.hide_optional = True

    def clean_customer(self) -> int | None:
        value = self.cleaned_data["customer"].strip()
        if not value:
            return None
        if (number := customer_reference_parse(text=value, number_alone=True)) is None:
            raise forms.ValidationError("Enter a customer reference like C-000123")
        return number

    def filters(self) -> dict:
        """The valid filters; a mistyped one is reported beside its field and left out, rather than failing the page."""
        data = {}
        if self.is_bound:
            self.full_clean()
            data = self.cleaned_data
        return {
            "status": data.get("status", ""),
            "channel": data.get("channel", ""),
            "customer_id": data.get("customer"),
        }
