"""Answers to a council service's questions, checked against its question set.

Answers are stored as JSON keyed by each question's `key`: text, choices, dates (ISO, 2026-12-24) and
yes/no ("yes" or "no") as strings; an address as {"line_1", "line_2", "town", "postcode"}, with "uprn" when the
property's Unique Property Reference Number is known (a customer's address taken unchanged). Errors are
keyed `answers.<key>` (or `answers.<key>.<part>` for a part of an address), the names the API reports
and the raise page maps onto its fields.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from servicefirst.core.validation import postcode_normalise
from servicefirst.servicerequests.models import Question, QuestionKind

TEXT_MAX = 200
TEXTAREA_MAX = 5000
# An address answer's parts, as the API names them, with the words a form labels them by and their longest.
ADDRESS_PARTS = (
    ("line_1", "line 1", 150),
    ("line_2", "line 2", 150),
    ("town", "town or city", 100),
    ("postcode", "postcode", 10),
)
_ADDRESS_LIMITS = {part: limit for part, _, limit in ADDRESS_PARTS}
_UPRN_DIGITS = 12
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def _blank(value: Any) -> bool:
    if isinstance(value, dict):
        return not any(str(v).strip() for v in value.values() if v is not None)
    return value is None or (isinstance(value, str) and not value.strip())


def _text(question: Question, value: Any, limit: int) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{question.label}: enter text")
    value = value.strip()
    if len(value) > limit:
        raise ValidationError(f"{question.label} must be {limit} characters or fewer")
    return value


def _choice(question: Question, value: Any) -> str:
    options = {option.casefold(): option for option in question.choice_list}
    chosen = options.get(str(value).strip().casefold())
    if chosen is None:
        raise ValidationError(f"{question.label}: select one of {', '.join(question.choice_list)}")
    return chosen


def _date(question: Question, value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValidationError(f"{question.label} must be a real date, like 2026-12-24") from None


def _yes_no(question: Question, value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    word = str(value).strip().lower()
    if word in _YES:
        return "yes"
    if word in _NO:
        return "no"
    raise ValidationError(f"{question.label}: select yes or no")


def _address(question: Question, value: Any, errors: dict[str, str]) -> dict[str, str]:
    field = f"answers.{question.key}"
    if not isinstance(value, dict):
        errors[field] = f"{question.label}: give the address as line_1, line_2, town and postcode"
        return {}
    address = {part: str(value.get(part) or "").strip() for part in _ADDRESS_LIMITS}
    for part, limit in _ADDRESS_LIMITS.items():
        if len(address[part]) > limit:
            errors[f"{field}.{part}"] = f"{question.label}: {part.replace('_', ' ')} is too long"
    if not address["line_1"]:
        errors[f"{field}.line_1"] = f"{question.label}: enter the first line of the address"
    if not address["town"]:
        errors[f"{field}.town"] = f"{question.label}: enter the town or city"
    if not address["postcode"]:
        errors[f"{field}.postcode"] = f"{question.label}: enter the postcode"
    elif f"{field}.postcode" not in errors:
        try:
            address["postcode"] = postcode_normalise(address["postcode"])
        except ValidationError as error:
            errors[f"{field}.postcode"] = f"{question.label}: {error.messages[0]}"
    uprn = str(value.get("uprn") or "").strip()
    if uprn and not (uprn.isdigit() and len(uprn) <= _UPRN_DIGITS):
        errors[f"{field}.uprn"] = f"{question.label}: the UPRN must be a number of up to {_UPRN_DIGITS} digits"
    elif uprn:
        address["uprn"] = uprn
    return address


def answers_clean(*, questions: Iterable[Question], answers: dict[str, Any]) -> dict[str, Any]:
    """The answers normalised for storage; raises one ValidationError naming every wrong answer."""
    if not isinstance(answers, dict):
        raise ValidationError({"answers": "Answers must be a set of named answers"})
    questions = list(questions)
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    known = {question.key for question in questions}
    for key in answers:
        if key not in known:
            errors[f"answers.{key}"] = f"This service has no question called {key}"
    for question in questions:
        value = answers.get(question.key)
        field = f"answers.{question.key}"
        if _blank(value):
            if question.required:
                errors[field] = f"Answer the question: {question.label}"
            continue
        try:
            match question.kind:
                case QuestionKind.TEXT:
                    cleaned[question.key] = _text(question, value, TEXT_MAX)
                case QuestionKind.TEXTAREA:
                    cleaned[question.key] = _text(question, value, TEXTAREA_MAX)
                case QuestionKind.CHOICE:
                    cleaned[question.key] = _choice(question, value)
                case QuestionKind.DATE:
                    cleaned[question.key] = _date(question, value)
                case QuestionKind.YES_NO:
                    cleaned[question.key] = _yes_no(question, value)
                case QuestionKind.ADDRESS:
                    cleaned[question.key] = _address(question, value, errors)
        except ValidationError as error:
            errors[field] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    return cleaned


def answers_display(*, questions: Iterable[Question], answers: dict[str, Any]) -> list[tuple[str, str]]:
    """Each question's label with its answer as people read it, in the set's order."""
    questions = list(questions)
    shown = []
    for question in questions:
        value = answers.get(question.key)
        if _blank(value):
            text = "Not answered"
        elif question.kind == QuestionKind.ADDRESS and isinstance(value, dict):
            text = ", ".join(v for v in (value.get(p, "") for p in _ADDRESS_LIMITS) if v)
            if value.get("uprn"):
                text += f" (UPRN {value['uprn']})"
        elif question.kind == QuestionKind.DATE:
            text = f"{datetime.date.fromisoformat(value):%-d %B %Y}"
        elif question.kind == QuestionKind.YES_NO:
            text = value.capitalize()
        else:
            text = str(value)
        shown.append((question.label, text))
    # Answers to questions an administrator has since removed stay on the record and on show.
    keys = {question.key for question in questions}
    shown.extend((key, str(value)) for key, value in answers.items() if key not in keys)
    return shown
