import datetime

from django import forms
from django.utils import timezone

from servicefirst.complaints.reports import (
    BASES,
    FINANCIAL,
    ReportPeriod,
    period_dates,
    period_year,
    reporting_year_of,
)
from servicefirst.core.forms import GovukDateField, GovukForm

FIRST_YEAR = 2000
# Longer than a year would overlap the same period a year earlier that it is compared with.
LONGEST_PERIOD_DAYS = 366


class ReportPeriodForm(GovukForm):
    """A reporting year (financial by default), or dates of the user's own. Every field may be left out."""

    basis = forms.ChoiceField(
        label="Type of year", choices=list(BASES.items()), widget=forms.RadioSelect, required=False
    )
    year = forms.CharField(
        label="Reporting year",
        required=False,
        help_text="The year it starts in. For April 2025 to March 2026, enter 2025.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4", "autocomplete": "off"}),
    )
    date_from = GovukDateField(
        label="From",
        required=False,
        help_text="Instead of a year, enter the first and last days. For example, 1 4 2025",
    )
    date_to = GovukDateField(label="To", required=False, help_text="For example, 30 6 2025")

    def __init__(self, *args, today: datetime.date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["basis"].error_messages["invalid_choice"] = "Select financial year or calendar year"
        self.fields["year"].hide_optional = True
        if not self.is_bound:
            self.initial.setdefault("basis", FINANCIAL)
        elif not self.data.get("basis"):
            # Left out means the default, and the radios should say so when the form comes back.
            self.data = self.data.copy()
            self.data["basis"] = FINANCIAL

    def clean_basis(self) -> str:
        return self.cleaned_data["basis"] or FINANCIAL

    def clean_year(self) -> int | None:
        text = self.cleaned_data["year"].strip()
        if not text:
            return None
        latest = self.today.year
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            raise forms.ValidationError(f"Enter the year as 4 digits, like {latest - 1}")
        year = int(text)
        if not FIRST_YEAR <= year <= latest:
            raise forms.ValidationError(f"Enter a year from {FIRST_YEAR} to {latest}")
        return year

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if self.errors:
            return cleaned
        if start and not end:
            self.add_error("date_to", "Enter the last day of the period")
        elif end and not start:
            self.add_error("date_from", "Enter the first day of the period")
        elif start and end:
            if start.year < FIRST_YEAR:
                self.add_error("date_from", f"The first day must be in {FIRST_YEAR} or later")
            elif end < start:
                self.add_error("date_to", "The last day must be the same as or after the first day")
            elif end > self.today:
                self.add_error("date_to", "The last day must be today or earlier")
            elif (end - start).days >= LONGEST_PERIOD_DAYS:
                self.add_error(
                    "date_to", "The period must be a year or shorter, so it can be set against a year earlier"
                )
        elif cleaned.get("year") is not None:
            basis, year = cleaned["basis"], cleaned["year"]
            if basis == FINANCIAL and datetime.date(year, 4, 1) > self.today:
                self.add_error("year", f"The financial year {year} to {year + 1} has not started yet")
        return cleaned

    def period(self) -> ReportPeriod:
        """The period asked for; call only once the form is valid (or unbound, for the default)."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("date_from") and data.get("date_to"):
            return period_dates(start=data["date_from"], end=data["date_to"])
        basis = data.get("basis") or FINANCIAL
        year = data.get("year") or reporting_year_of(self.today, basis)
        return period_year(year=year, basis=basis, today=self.today)


def default_period(today: datetime.date | None = None) -> ReportPeriod:
    today = today or timezone.localdate()
    return period_year(year=reporting_year_of(today), today=today)
