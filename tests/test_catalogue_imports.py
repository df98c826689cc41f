"""CSV imports of council services and contact points, and the import_catalogue command."""

import io

import pytest
from django.core.management import CommandError, call_command

from servicefirst.catalogue.imports import contact_points_import, council_services_import
from servicefirst.catalogue.models import ContactPoint, CouncilService, FrontOfficeStatus
from servicefirst.core.csvimport import CsvImportError, ImportResult
from tests.factories import ClientServiceFactory, CouncilServiceFactory, LgslServiceFactory, SiteFactory

pytestmark = pytest.mark.django_db

SERVICES_HEADER = (
    "lgsl_code,name,client_service_code,status,transfer_wave,transfer_priority,exclusion_reason,"
    "sla_working_days,front_office_may_resolve,officer_notes,officer_script,keywords\n"
)
POINTS_HEADER = "kind,value,label,client_service_code,site_code,lgsl_codes,annual_volume\n"


def stream(text: str) -> io.StringIO:
    return io.StringIO(text, newline="")


def problems(excinfo) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.column) for problem in excinfo.value.problems]


@pytest.fixture
def lgsl():
    return {
        code: LgslServiceFactory(code=code, name=name)
        for code, name in [(524, "Bins - missed collection"), (372, "Abandoned vehicles"), (1152, "Trolleys")]
    }


@pytest.fixture
def waste():
    return ClientServiceFactory(code="waste-services")


class TestCouncilServices:
    ROWS = (
        "524,Missed bin collection,waste-services,In the front office,,,,5,yes,Check the round first,"
        '"Ask for the address.\nCheck the calendar.","bins, rubbish"\n'
        "372,,waste-services,planned,2,High,,10,no,,,\n"
        "1152,Abandoned trolleys,waste-services,excluded,,,Handled by the retailer,,,,,\n"
    )

    def test_creates_and_is_idempotent(self, lgsl, waste):
        assert council_services_import(stream=stream(SERVICES_HEADER + self.ROWS)) == ImportResult(created=3)
        assert council_services_import(stream=stream(SERVICES_HEADER + self.ROWS)) == ImportResult(unchanged=3)
        bins = CouncilService.objects.get(lgsl__code=524)
        assert (bins.status, bins.sla_working_days, bins.front_office_may_resolve) == ("in_front_office", 5, True)
        assert bins.officer_script == "Ask for the address.\nCheck the calendar."
        vehicles = CouncilService.objects.get(lgsl__code=372)
        assert vehicles.name == "Abandoned vehicles"  # a blank name takes the LGSL's
        assert (vehicles.status, vehicles.transfer_wave, vehicles.transfer_priority) == ("planned", 2, "high")

    def test_updates_by_lgsl_code(self, lgsl, waste):
        CouncilServiceFactory(lgsl=lgsl[524], name="Old name", client_service=waste)
        text = SERVICES_HEADER + "524,Missed bin collection,waste-services,in_front_office,,,,5,,,,\n"
        assert council_services_import(stream=stream(text)) == ImportResult(updated=1)
        assert CouncilService.objects.get(lgsl__code=524).name == "Missed bin collection"

    def test_each_rule_is_reported_against_its_column(self, lgsl, waste):
        text = SERVICES_HEADER + (
            "524,Bins,waste-services,planned,,,,,,,,\n"
            "372,Vehicles,waste-services,excluded,,,,400,perhaps,,,\n"
            "9999,Unknown,nowhere,sometimes,0,urgent,,x,,,,\n"
            "524,Bins again,waste-services,,,,,,,,,\n"
        )
        with pytest.raises(CsvImportError) as caught:
            council_services_import(stream=stream(text))
        assert problems(caught) == [
            (2, "transfer_wave"),
            (2, "transfer_priority"),
            (3, "front_office_may_resolve"),
            (3, "exclusion_reason"),
            (3, "sla_working_days"),
            (4, "lgsl_code"),
            (4, "client_service_code"),
            (4, "status"),
            (4, "transfer_wave"),
            (4, "transfer_priority"),
            (4, "sla_working_days"),
            (5, "lgsl_code"),
        ]
        message = str(caught.value)
        assert "Line 3, column sla_working_days: The SLA must be between 1 and 365 working days" in message
        assert "Line 4, column lgsl_code: There is no LGSL service with code 9999; load the LGSL first" in message
        assert not CouncilService.objects.exists()


class TestContactPoints:
    @pytest.fixture
    def services(self, lgsl, waste):
        return [
            CouncilServiceFactory(lgsl=lgsl[524], client_service=waste),
            CouncilServiceFactory(lgsl=lgsl[372], client_service=waste),
        ]

    def test_creates_with_normalised_values_and_links_services(self, services, waste):
        SiteFactory(code="hackney")
        text = POINTS_HEADER + (
            "phone,020 8356 3000,Waste enquiries,waste-services,,524;372,120000\n"
            "Email address,Waste@Council.Example,Waste email,,hackney,524,\n"
        )
        assert contact_points_import(stream=stream(text)) == ImportResult(created=2)
        phone = ContactPoint.objects.get(kind="phone")
        assert phone.value == "+442083563000"
        assert phone.client_service == waste
        assert set(phone.services.all()) == set(services)
        assert phone.annual_volume == 120000
        email = ContactPoint.objects.get(kind="email")
        assert (email.value, email.site.code, email.annual_volume) == ("waste@council.example", "hackney", None)

    def test_matches_on_kind_and_normalised_value(self, services):
        first = POINTS_HEADER + "phone,020 8356 3000,Waste enquiries,,,524,\n"
        contact_points_import(stream=stream(first))
        assert contact_points_import(stream=stream(first)) == ImportResult(unchanged=1)
        same_number = POINTS_HEADER + "phone,+44 20 8356 3000,Waste enquiries,,,524;372,\n"
        assert contact_points_import(stream=stream(same_number)) == ImportResult(updated=1)
        assert ContactPoint.objects.get().services.count() == 2

    def test_bad_rows_are_reported(self, services):
        text = POINTS_HEADER + (
            "fax,020 8356 3000,Fax,,,,\n"
            "phone,12345,Bad number,nowhere,nowhere,1152;abc,-4\n"
            "email,not-an-email,,,,,\n"
            "phone,020 8356 3000,One,,,,\n"
            "phone,02083563000,Same number,,,,\n"
        )
        with pytest.raises(CsvImportError) as caught:
            contact_points_import(stream=stream(text))
        assert problems(caught) == [
            (2, "kind"),
            (3, "value"),
            (3, "client_service_code"),
            (3, "site_code"),
            (3, "lgsl_codes"),
            (3, "lgsl_codes"),
            (3, "annual_volume"),
            (4, "value"),
            (4, "label"),
            (6, "value"),
        ]
        assert not ContactPoint.objects.exists()


class TestCommand:
    def test_imports_council_services(self, lgsl, waste, tmp_path, capsys):
        path = tmp_path / "services.csv"
        path.write_bytes(("\ufeff" + SERVICES_HEADER + "524,Bins,waste-services,,,,,,,,,\n").encode())
        call_command("import_catalogue", "council-services", str(path))
        assert "1 created" in capsys.readouterr().out
        assert CouncilService.objects.get().status == FrontOfficeStatus.NOT_TRANSFERRED

    def test_reports_problems(self, tmp_path):
        path = tmp_path / "points.csv"
        path.write_text(POINTS_HEADER + "phone,12345,Bad,,,,\n")
        with pytest.raises(CommandError, match="Line 2, column value: Enter a phone number"):
            call_command("import_catalogue", "contact-points", str(path))

    def test_refuses_an_unknown_kind(self, tmp_path):
        with pytest.raises(CommandError, match="invalid choice"):
            call_command("import_catalogue", "lgsl-services", str(tmp_path / "x.csv"))
