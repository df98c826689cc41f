from django import forms

from servicefirst.catalogue.models import FrontOfficeStatus
from servicefirst.core.forms import GovukForm
from servicefirst.organisation.selectors import client_service_list, directorate_list


class ServiceFilterForm(GovukForm):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        help_text="A service name, a word residents use, or an LGSL code",
        error_messages={"max_length": "Search must be 100 characters or fewer"},
    )
    status = forms.ChoiceField(
        label="Front-office status",
        required=False,
        choices=[("", "Any"), *FrontOfficeStatus.choices],
        error_messages={"invalid_choice": "Select a front-office status from the list"},
    )
    client_service = forms.ModelChoiceField(
        label="Client service",
        required=False,
        queryset=client_service_list(),
        empty_label="Any",
        error_messages={"invalid_choice": "Select a client service from the list"},
    )
    directorate = forms.ModelChoiceField(
        label="Directorate",
        required=False,
        queryset=directorate_list(),
        empty_label="Any",
        error_messages={"invalid_choice": "Select a directorate from the list"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # Every filter is optional, so saying so on each would be noise.
            field.hide_optional = True

    def filters(self) -> dict:
        """The valid filters; a mistyped one is reported beside its field and left out, rather than failing the page."""
        data = {}
        if self.is_bound:
            self.full_clean()
            data = self.cleaned_data
        client_service = data.get("client_service")
        directorate = data.get("directorate")
        return {
            "q": data.get("q", ""),
            "status": data.get("status", ""),
            "client_service_id": client_service.pk if client_service else None,
            "directorate_id": directorate.pk if directorate else None,
        }
