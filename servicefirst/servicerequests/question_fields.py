"""A service's questions as form fields: the officers' raise form and the residents' one-question pages are both
built on `QuestionsForm`, so a question looks and is checked the same way wherever it is answered."""

from django import forms
from django.core.exceptions import ValidationError

from servicefirst.core.forms import GovukDateField, GovukForm
from servicefirst.servicerequests.models import Question, QuestionKind
from servicefirst.servicerequests.questions import ADDRESS_PARTS, TEXT_MAX, TEXTAREA_MAX

_RADIO_LIMIT = 6


def optional_quietly(form: forms.Form) -> None:
    """Leaves "(optional)" off the labels: these fields are required or not by the service's rules, not the form's."""
    for field in form.fields.values():
        field.hide_optional = True


def answer_field_name(key: str, part: str = "") -> str:
    return f"answer_{key}_{part}" if part else f"answer_{key}"


def _address_key(address: dict) -> tuple[str, ...]:
    # "e8 1ea" typed again is still the address on the record; only a change of words makes it another place.
    return tuple("".join(str(address.get(part) or "").split()).casefold() for part, _, _ in ADDRESS_PARTS)


class QuestionsForm(GovukForm):
    """One field for each of the service's questions. Whether an answer is required or valid is decided by the
    service, so the page and the API give the same errors.

    `known_address` is the customer's address (`customers.selectors.customer_address_parts`): every address
    question starts with it, and keeps its UPRN only while the officer leaves it as it is."""

    def __init__(self, *args, questions: list[Question], known_address: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        optional_quietly(self)
        self.questions = questions
        self.known_address = known_address
        for question in questions:
            self._add_question(question)
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = f"{field.label} must be {field.max_length} characters or fewer"

    def _add_question(self, question: Question) -> None:
        common = {"label": question.label, "help_text": question.hint, "required": False}
        if question.kind == QuestionKind.ADDRESS:
            for part, words, limit in ADDRESS_PARTS:
                line = forms.CharField(label=f"{question.label}: {words}", max_length=limit, required=False)
                line.hide_optional = question.required and part != "line_2"
                if part == "postcode":
                    line.widget.attrs["class"] = "govuk-input--width-10"
                if self.known_address:
                    line.initial = self.known_address.get(part, "")
                self.fields[answer_field_name(question.key, part)] = line
            if self.known_address:
                self.fields[
                    answer_field_name(question.key, "line_1")
                ].help_text = "Filled in from the customer's record. Change it if the request is about another place."
            return
        match question.kind:
            case QuestionKind.TEXTAREA:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXTAREA_MAX, **common)
            case QuestionKind.CHOICE:
                options = [(option, option) for option in question.choice_list]
                if len(options) > _RADIO_LIMIT:
                    field = forms.ChoiceField(choices=[("", "Select an option"), *options], **common)
                else:
                    field = forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
            case QuestionKind.DATE:
                field = GovukDateField(**common)
            case QuestionKind.YES_NO:
                field = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect, **common)
            case _:
                field = forms.CharField(max_length=TEXT_MAX, **common)
        field.error_messages["invalid_choice"] = f"{question.label}: select one of the options"
        field.hide_optional = question.required
        self.fields[answer_field_name(question.key)] = field

    def answers(self) -> dict:
        answers = {}
        for question in self.questions:
            if question.kind == QuestionKind.ADDRESS:
                address = {
                    part: self.cleaned_data.get(answer_field_name(question.key, part), "")
                    for part, _, _ in ADDRESS_PARTS
                }
                known = self.known_address
                if known and known.get("uprn") and _address_key(address) == _address_key(known):
                    address["uprn"] = known["uprn"]
                answers[question.key] = address
            else:
                answers[question.key] = self.cleaned_data.get(answer_field_name(question.key))
        return answers

    def add_service_errors(self, error: ValidationError) -> None:
        """Puts each of the service's errors on its field: `answers.bin_type` on the bin type question."""
        for name, messages in error.message_dict.items():
            if name.startswith("answers."):
                name = "answer_" + name.removeprefix("answers.").replace(".", "_")
            if name in self.errors:
                # The field's own check already said what is wrong with what was typed.
                continue
            self.add_error(name if name in self.fields else None, messages)
