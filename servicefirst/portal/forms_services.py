"""The portal's request form, one question a page. A question becomes fields the way the officers' raise form makes
them, and its answer is checked by the same question-set rules, so a resident and an officer get the same errors."""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from servicefirst.catalogue.search import QUERY_MAX_LENGTH
from servicefirst.core.forms import GovukForm
from servicefirst.core.validation import phone_normalise, postcode_normalise
from servicefirst.portal.protection import HoneypotMixin
from servicefirst.servicerequests.question_fields import QuestionsForm, answer_field_name
from servicefirst.servicerequests.questions import ADDRESS_PARTS, answers_clean
from servicefirst.servicerequests.selectors import QuestionKind, RequestChannel


class SearchForm(GovukForm):
    q = forms.CharField(
        label="Search for a service",
        max_length=QUERY_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].error_messages["max_length"] = f"Search terms must be {QUERY_MAX_LENGTH} characters or fewer"


class QuestionForm(HoneypotMixin, QuestionsForm):
    """One question of the service's set; `answer()` is the answer as the request stores it."""

    def __init__(self, *args, question, **kwargs) -> None:
        super().__init__(*args, questions=[question], **kwargs)
        self.question = question

    @staticmethod
    def initial_for(question, answer: Any) -> dict[str, Any]:
        """A kept answer as the page's starting values, so going back shows what was given."""
        if answer in (None, "", {}):
            return {}
        if question.kind == QuestionKind.ADDRESS and isinstance(answer, dict):
            return {answer_field_name(question.key, part): answer.get(part, "") for part, _, _ in ADDRESS_PARTS}
        if question.kind == QuestionKind.DATE:
            return {answer_field_name(question.key): datetime.date.fromisoformat(answer)}
        return {answer_field_name(question.key): answer}

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            try:
                self.cleaned_answer = answers_clean(questions=[self.question], answers=self.answers())
            except ValidationError as error:
                self.add_service_errors(self._on_a_field(error))
        return cleaned

    def _on_a_field(self, error: ValidationError) -> ValidationError:
        # An unanswered address has no field of its own; its first line is where the resident starts typing.
        whole = f"answers.{self.question.key}"
        if self.question.kind != QuestionKind.ADDRESS or whole not in error.message_dict:
            return error
        messages = dict(error.message_dict)
        messages.setdefault(f"{whole}.line_1", messages.pop(whole))
        return ValidationError(messages)

    def answer(self) -> Any:
        return self.cleaned_answer.get(self.question.key)

    def answer_fields(self) -> list:
        return [field for field in self.visible_fields() if field.name.startswith("answer_")]


class AboutYouForm(HoneypotMixin, GovukForm):
    first_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter your first name"}
    )
    last_name = forms.CharField(label="Last name", max_length=100, error_messages={"required": "Enter your last name"})
    email = forms.CharField(
        label="Email address",
        max_length=254,
        required=False,
        help_text="We will send your reference and updates here.",
    )
    phone = forms.CharField(
        label="Phone number", max_length=30, required=False, help_text="If you have no email address."
    )
    postcode = forms.CharField(
        label="Your postcode", max_length=10, required=False, help_text="Helps us find you in our records."
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false", type="email")
        self.fields["phone"].widget.attrs.update(autocomplete="tel", type="tel")
        self.fields["postcode"].widget.attrs.update(autocomplete="postal-code", **{"class": "govuk-input--width-10"})

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError("Enter an email address in the correct format, like name@example.com") from None
        return email

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone:
            phone_normalise(phone)
        return phone

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        return postcode_normalise(postcode) if postcode else ""

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            self.add_error("email", "Enter an email address or a phone number, so we can tell you what happens")
        return cleaned


class CheckAnswersForm(HoneypotMixin, GovukForm):
    """Sending the request. An officer helping a resident also says how the resident is with them."""

    def __init__(self, *args, assisted: bool = False, sites=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if assisted:
            self.fields["channel"] = forms.ChoiceField(
                label="How is the resident with you?",
                choices=[(c, RequestChannel(c).label) for c in (RequestChannel.PHONE, RequestChannel.FACE_TO_FACE)],
                widget=forms.RadioSelect,
                error_messages={"required": "Select how the resident is with you"},
            )
            self.fields["site"] = forms.ModelChoiceField(
                label="Site (face to face only)",
                queryset=sites,
                required=False,
                empty_label="Select a site",
                error_messages={"invalid_choice": "Select a site from the list"},
            )
            self.fields["site"].hide_optional = True

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("channel") == RequestChannel.FACE_TO_FACE and not cleaned.get("site"):
            self.add_error("site", "Select the site where the resident is")
        return cleaned
