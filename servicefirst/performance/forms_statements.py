from django import forms

from servicefirst.organisation.selectors import client_service_list
from servicefirst.performance.selectors_statements import Month, months_on_record


class StatementChooseForm(forms.Form):
    client_service = forms.ChoiceField(
        label="Client service",
        error_messages={"required": "Select a client service", "invalid_choice": "Select a client service"},
    )
    month = forms.ChoiceField(
        label="Month", error_messages={"required": "Select a month", "invalid_choice": "Select a month"}
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client_service"].choices = [("", "Choose a client service")] + [
            (service.code, service.name) for service in client_service_list()
        ]
        self.months = months_on_record()
        self.fields["month"].choices = [(month.slug, month.label) for month in self.months]

    def chosen_month(self) -> Month:
        return next(month for month in self.months if month.slug == self.cleaned_data["month"])
