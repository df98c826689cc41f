from django.contrib.auth.forms import AuthenticationForm

from servicefirst.core.forms import GovukBoundField


class SignInForm(AuthenticationForm):
    bound_field_class = GovukBoundField
    use_required_attribute = False
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive. Ask an administrator to reactivate it.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
