import datetime

from django import forms

from servicefirst.core.forms import GovukDateField, GovukForm
from servicefirst.organisation.selectors import client_service_list, directorate_list, site_list
from servicefirst.performance.dashboard.figures import Filters

DEFAULT_DAYS = 28
# Two years covers a year-on-year look; more only slows the page for no figure a manager reads.
LONGEST_DAYS = 731


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last 28 days, today included: four whole weeks, so every weekday counts equally."""
    return today - datetime.timedelta(days=DEFAULT_DAYS - 1), today


class DashboardFilterForm(GovukForm):
    # A part left empty is caught before the field's own check, so the GOV.UK wording is given here too.
    date_from = GovukDateField(
        label="From",
        required=False,
        help_text="For example, 1 4 2026",
        error_messages={"incomplete": "From must include a day, month and year"},
    )
    date_to = GovukDateField(
        label="To",
        required=False,
        help_text="For example, 30 4 2026",
        error_messages={"incomplete": "To must include a day, month and year"},
    )
    site = forms.TypedChoiceField(label="Site", coerce=int, required=False, empty_value=None)
    directorate = forms.TypedChoiceField(label="Directorate", coerce=int, required=False, empty_value=None)
    client_service = forms.TypedChoiceField(label="Client service", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, today: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.directorate_of: dict[int, int | None] = {}
        self.fields["site"].choices = [("", "All sites"), *((s.pk, s.name) for s in site_list())]
        self.fields["directorate"].choices = [("", "All directorates"), *((d.pk, d.name) for d in directorate_list())]
        services = []
        for service in client_service_list():
            self.directorate_of[service.pk] = service.directorate_id
            services.append((service.pk, service.name))
        self.fields["client_service"].choices = [("", "All client services"), *services]
        self.fields["site"].error_messages["invalid_choice"] = "Select a site from the list"
        self.fields["directorate"].error_messages["invalid_choice"] = "Select a directorate from the list"
        self.fields["client_service"].error_messages["invalid_choice"] = "Select a client service from the list"

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if "date_from" in self.errors or "date_to" in self.errors:
            return cleaned
        if start is None and end is None:
            start, end = default_period(self.today)
        elif start is None:
            start = end - datetime.timedelta(days=DEFAULT_DAYS - 1)
        elif end is None:
            end = max(start, self.today)
        if end < start:
            self.add_error("date_to", "The end of the period must be the same as or after the start")
        elif (end - start).days + 1 > LONGEST_DAYS:
            self.add_error("date_to", f"The period must be {LONGEST_DAYS} days or shorter")
        service, directorate = cleaned.get("client_service"), cleaned.get("directorate")
        if service is not None and directorate is not None and self.directorate_of.get(service) != directorate:
            self.add_error("client_service", "Select a client service in the chosen directorate, or all")
        cleaned["date_from"], cleaned["date_to"] = start, end
        return cleaned

    def filters(self) -> Filters:
        """The filters chosen, or the default period when the form was not sent."""
        if not self.is_bound:
            start, end = default_period(self.today)
            return Filters(date_from=start, date_to=end)
        data = self.cleaned_data
        return Filters(
            date_from=data["date_from"],
            date_to=data["date_to"],
            site_id=data.get("site"),
            directorate_id=data.get("directorate"),
            client_service_id=data.get("client_service"),
        )
