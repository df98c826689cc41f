from django import forms

from servicefirst.core.forms import GovukForm


class CustomerFindForm(GovukForm):
    q = forms.CharField(
        label="Find the customer",
        help_text="Search by email address, name, postcode, phone number or customer reference",
        max_length=200,
        required=False,
    )


class MatchForm(GovukForm):
    customer_id = forms.TypedChoiceField(
        label="Which customer sent this email?",
        coerce=int,
        empty_value=None,
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the customer who sent the email"},
    )

    def __init__(self, *args, customers=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["customer_id"].choices = [
            (customer.pk, f"{customer.display_name} ({customer.reference})") for customer in customers
        ]
