from django import forms
from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm

from servicefirst.accounts.roles import Role
from servicefirst.accounts.scopes import ALL_SCOPES
from servicefirst.accounts.services import API_TOKEN_DAYS_MAX
from servicefirst.core.forms import GovukBoundField, GovukForm
from servicefirst.organisation.selectors import client_service_list

_ROLE_HELP = "What they may do follows from their role; a client service officer also needs their client service"


def _client_service_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=client_service_list(),
        required=False,
        label="Client service",
        help_text="Only for a client service officer: the back-office service they work for",
        empty_label="None",
        error_messages={"invalid_choice": "Choose a client service from the list"},
    )


class StaffMemberForm(GovukForm):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Their work email: the link to set their password is sent here",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="What they type to sign in, for example j.smith",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-20"}),
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect, help_text=_ROLE_HELP)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client_service"] = _client_service_field()


class RoleForm(GovukForm):
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect, help_text=_ROLE_HELP)
    role_seen = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client_service"] = _client_service_field()


class ApiTokenForm(GovukForm):
    name = forms.CharField(
        label="What will use it",
        max_length=100,
        help_text="For example, Telephony integration",
    )
    scopes = forms.MultipleChoiceField(
        label="What it may do",
        choices=[(scope, scope) for scope in ALL_SCOPES],
        widget=forms.CheckboxSelectMultiple,
        help_text="An area of the API, to read or to write (write includes read)",
        error_messages={"required": "Choose at least one thing the token may do"},
    )
    days = forms.IntegerField(
        label="Days until it expires",
        min_value=1,
        max_value=API_TOKEN_DAYS_MAX,
        initial=settings.API_TOKEN_DAYS,
        help_text=f"From 1 to {API_TOKEN_DAYS_MAX}",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )


class GovukSetPasswordForm(SetPasswordForm):
    bound_field_class = GovukBoundField
    use_required_attribute = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages["required"] = "Enter a password"
        self.fields["new_password2"].error_messages["required"] = "Enter the password again"
        self.error_messages = {
            **self.error_messages,
            "password_mismatch": "The two passwords are not the same. Enter the password twice",
        }
