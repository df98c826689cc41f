from django import forms
from django.contrib.auth.forms import PasswordChangeForm

from servicefirst.core.forms import GovukBoundField, GovukForm


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes",
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
    )


class EnrolForm(GovukForm):
    code = forms.CharField(
        label="Code from your app",
        max_length=20,
        help_text="The 6-digit code the app shows for Service First",
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
    )


class UnlockForm(GovukForm):
    kind = forms.ChoiceField(choices=[("username", "Account"), ("ip_address", "Address")])
    value = forms.CharField(max_length=255)


class GovukPasswordChangeForm(PasswordChangeForm):
    bound_field_class = GovukBoundField
    use_required_attribute = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": "Your current password is not right. Enter it again",
            "password_mismatch": "The two new passwords are not the same. Enter the new password twice",
        }
