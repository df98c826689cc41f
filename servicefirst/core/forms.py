"""GOV.UK Design System rendering for Django forms.

Every form field renders through one template that picks the GOV.UK component
for its widget, so forms stay plain Django forms and pages stay consistent.
"""

import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.fields import BaseTemporalField
from django.forms.renderers import DjangoTemplates
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from servicefirst.core.localtime import local_moment, local_time_skipped
from servicefirst.core.validation import date_bounds_check, text_control_characters_refuse


class GovukFormRenderer(DjangoTemplates):
    field_template_name = "core/forms/field.html"
    form_template_name = "core/forms/form.html"


class GovukDateInput(forms.MultiWidget):
    """Day, month and year boxes, as the GOV.UK date input pattern asks."""

    template_name = "core/forms/date_input.html"

    def __init__(self, attrs: dict | None = None) -> None:
        widgets = {
            "day": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
            "month": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
            "year": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    widget = GovukDateInput

    def __init__(self, **kwargs) -> None:
        fields = (
            forms.CharField(max_length=2),
            forms.CharField(max_length=2),
            forms.CharField(max_length=4),
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (part.strip() if part else "" for part in data_list)
        if not (day and month and year):
            raise forms.ValidationError(f"{self.label} must include a day, month and year", code="incomplete")
        if year.isdecimal() and len(year) != 4:
            # A year of 26 or 202 is a slip of the finger, not the years 26 or 202 (GOV.UK's date input pattern).
            raise forms.ValidationError(f"{self.label} must include a year with 4 numbers", code="year_digits")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{self.label} must be a real date", code="invalid") from None
        return date_bounds_check(value)


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as the clock in the council's time zone showed it (`core.localtime`): the hour the clocks
    go back is read as the showing nearer now, where Django would refuse it, and the hour they skip when they
    go forward is refused with a message that says why."""

    default_error_messages = {
        "skipped": "There was no %(time)s on %(day)s: the clocks went forward an hour. Enter the time again"
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            naive = value
        else:
            try:
                naive = parse_datetime(str(value).strip())
            except ValueError:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
            naive = naive or BaseTemporalField.to_python(self, value)
        if timezone.is_naive(naive) and local_time_skipped(naive):
            raise forms.ValidationError(
                self.error_messages["skipped"],
                code="skipped",
                params={"time": f"{naive:%H:%M}", "day": f"{naive:%-d %B %Y}"},
            )
        return local_moment(naive)


_WIDGET_CLASSES: list[tuple[type[forms.Widget], str, str]] = [
    (forms.Select, "govuk-select", "govuk-select--error"),
    (forms.Textarea, "govuk-textarea", "govuk-textarea--error"),
    (forms.widgets.Input, "govuk-input", "govuk-input--error"),
]


class GovukBoundField(forms.BoundField):
    """Adds GOV.UK classes and links hint and error text to the input for screen readers."""

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        attrs = dict(attrs)
        if not isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
            for widget_class, css, error_css in _WIDGET_CLASSES:
                if isinstance(widget, widget_class):
                    classes = [css, widget.attrs.get("class", "")]
                    if self.errors:
                        classes.append(error_css)
                    attrs["class"] = " ".join(c for c in classes if c)
                    break
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}-hint")
        if self.errors:
            described_by.append(f"{self.auto_id}-error")
        if described_by and not self.use_fieldset:
            attrs["aria-describedby"] = " ".join(described_by)
        return super().build_widget_attrs(attrs, widget)


def _govuk_messages(form: forms.BaseForm) -> None:
    """GOV.UK wording for the length errors Django would otherwise word its own way."""
    for name, field in form.fields.items():
        label = field.label or name.replace("_", " ").capitalize()
        if getattr(field, "max_length", None):
            field.error_messages["max_length"] = f"{label} must be {field.max_length} characters or fewer"


def _control_characters_refused(form: forms.BaseForm) -> None:
    """Every text field refuses control characters with the check the API and Open311 use. It takes the place of
    Django's own, which refuses only NUL and words it its own way."""
    for name, field in form.fields.items():
        if isinstance(field, forms.CharField):
            label = field.label or name.replace("_", " ").capitalize()
            field.validators = [
                validator
                for validator in field.validators
                if not isinstance(validator, ProhibitNullCharactersValidator)
            ]
            field.validators.append(lambda value, label=label: text_control_characters_refuse(value, label=label))


class GovukForm(forms.Form):
    """Base for every staff and public form: GOV.UK markup and server-side validation only."""

    bound_field_class = GovukBoundField
    use_required_attribute = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _govuk_messages(self)
        _control_characters_refused(self)


class GovukModelForm(forms.ModelForm):
    bound_field_class = GovukBoundField
    use_required_attribute = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _govuk_messages(self)
        _control_characters_refused(self)


class PeriodForm(GovukForm):
    """An optional date range for a report; subclasses may redeclare the fields to word their labels."""

    date_from = GovukDateField(label="From", required=False, help_text="For example, 1 4 2026")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 31 3 2027")

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end of the period must be the same as or after the start")
        return cleaned


def form_stale_keep(form: forms.BaseForm, *, version: int, message: str) -> None:
    """After a change was refused as stale: says why, keeps everything the person typed and takes the newer
    version, so sending the form again is a deliberate choice to save over the other person's change."""
    form.add_error(None, message)
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = str(version)


def form_refused(form_class: type[forms.BaseForm], *, typed: dict, message: str) -> forms.BaseForm:
    """A form for a change refused before its fields were checked (someone else decided first): `message` is the
    page's problem and what the person typed is kept. Django's `add_error` needs a cleaned form, and cleaning would
    report fields this decision never needed, so the problem is set as the form's only error."""
    form = form_class(initial=typed)
    form._errors = ErrorDict({NON_FIELD_ERRORS: form.error_class([message], error_class="nonfield")})
    return form
