"""CSV imports of directorates, client services, sites and closures, and the import_organisation command."""

import io
from datetime import date, time
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from servicefirst.accounts.roles import Role
from servicefirst.core.csvimport import CsvImportError, ImportResult, csv_decode
from servicefirst.organisation.imports import (
    client_services_import,
    directorates_import,
    site_closures_import,
    sites_import,
)
from servicefirst.organisation.models import ClientService, Directorate, Site, SiteClosure
from tests.factories import DirectorateFactory, SiteFactory, UserFactory

pytestmark = pytest.mark.django_db

SITES_HEADER = (
    "name,code,address_line_1,address_line_2,town,postcode,uprn,phone,accessibility,closed_on_bank_holidays,"
    "mon,tue,wed,thu,fri,sat,sun\n"
)


def stream(text: str) -> io.StringIO:
    return io.StringIO(text, newline="")


def problems(excinfo) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.column) for problem in excinfo.value.problems]


class TestDirectorates:
    def test_creates_then_changes_nothing_when_run_again(self):
        text = "name,code\nNeighbourhoods and Housing,housing\nFinance,finance\n"
        assert directorates_import(stream=stream(text)) == ImportResult(created=2)
        assert directorates_import(stream=stream(text)) == ImportResult(unchanged=2)
        assert Directorate.objects.count() == 2

    def test_updates_by_code(self):
        DirectorateFactory(code="finance", name="Finance")
        result = directorates_import(stream=stream("name,code\nFinance and Corporate Resources,finance\n"))
        assert result == ImportResult(updated=1)
        assert Directorate.objects.get(code="finance").name == "Finance and Corporate Resources"

    def test_accepts_a_byte_order_mark_and_windows_line_endings(self):
        data = "\ufeffName,Code\r\nFinance,finance\r\n".encode()
        assert directorates_import(stream=csv_decode(data=data)) == ImportResult(created=1)

    def test_text_stream_with_a_byte_order_mark(self):
        assert directorates_import(stream=stream("\ufeffname,code\nFinance,finance\n")) == ImportResult(created=1)

    def test_reports_every_bad_row_and_saves_nothing(self):
        text = "name,code\nFinance,finance\n,blank-name\nHousing,not a slug\nFinance again,finance\n"
        with pytest.raises(CsvImportError) as caught:
            directorates_import(stream=stream(text))
        assert problems(caught) == [(3, "name"), (4, "code"), (5, "code")]
        assert "Line 5, column code: This is also on line 2" in str(caught.value)
        assert not Directorate.objects.exists()

    def test_a_name_used_by_another_directorate_is_reported(self):
        DirectorateFactory(code="finance", name="Finance")
        with pytest.raises(CsvImportError) as caught:
            directorates_import(stream=stream("name,code\nFinance,money\n"))
        assert problems(caught) == [(2, "name")]

    def test_missing_and_unknown_columns_are_reported(self):
        with pytest.raises(CsvImportError) as caught:
            directorates_import(stream=stream("name,cod\nFinance,finance\n"))
        assert problems(caught) == [(1, "code"), (1, "cod")]

    def test_an_empty_file_is_reported(self):
        with pytest.raises(CsvImportError, match="empty"):
            directorates_import(stream=stream(""))

    def test_line_numbers_count_lines_inside_quoted_values(self):
        text = 'name,code\n"Finance\nand more",finance\nHousing,\n'
        with pytest.raises(CsvImportError) as caught:
            directorates_import(stream=stream(text))
        assert problems(caught) == [(4, "code")]

    def test_a_row_with_too_many_values_is_reported(self):
        with pytest.raises(CsvImportError) as caught:
            directorates_import(stream=stream("name,code\nFinance,finance,extra\n"))
        assert problems(caught) == [(2, "")]

    def test_a_file_that_is_not_utf8_is_reported(self):
        with pytest.raises(CsvImportError, match="not UTF-8") as caught:
            csv_decode(data="name,code\nCaf\u00e9,cafe\n".encode("latin-1"))
        assert problems(caught) == [(2, "")]


CLIENT_SERVICES_HEADER = (
    "name,code,directorate_code,email,phone,liaison_contact,target_sla_percent,"
    "target_first_contact_resolution_percent,target_answer_percent,target_answer_seconds,team_managers\n"
)


class TestClientServices:
    @pytest.fixture
    def housing(self):
        return DirectorateFactory(code="housing", name="Housing")

    def test_creates_with_normalised_contacts_targets_and_team_managers(self, housing):
        managers = [
            UserFactory(username="asha", role=Role.TEAM_MANAGER),
            UserFactory(username="ben", role=Role.HEAD_OF_SERVICE),
        ]
        text = CLIENT_SERVICES_HEADER + (
            "Repairs,repairs,housing,Repairs@Council.Example,020 8356 3000,Sam Liaison,90,75.5,85,30,asha; ben\n"
        )
        assert client_services_import(stream=stream(text)) == ImportResult(created=1)
        service = ClientService.objects.get(code="repairs")
        assert service.directorate == housing
        assert service.email == "repairs@council.example"
        assert service.phone == "+442083563000"
        assert service.target_first_contact_resolution_percent == Decimal("75.5")
        assert service.target_answer_seconds == 30
        assert set(service.team_managers.all()) == set(managers)
        assert client_services_import(stream=stream(text)) == ImportResult(unchanged=1)

    def test_blank_targets_take_the_defaults(self, housing):
        text = CLIENT_SERVICES_HEADER + "Repairs,repairs,housing,,,,,,,,\n"
        client_services_import(stream=stream(text))
        service = ClientService.objects.get(code="repairs")
        assert (service.target_sla_percent, service.target_answer_seconds, service.phone) == (Decimal(95), 20, "")

    def test_changing_team_managers_counts_as_an_update(self, housing):
        UserFactory(username="asha", role=Role.TEAM_MANAGER)
        client_services_import(stream=stream(CLIENT_SERVICES_HEADER + "Repairs,repairs,housing,,,,,,,,\n"))
        result = client_services_import(stream=stream(CLIENT_SERVICES_HEADER + "Repairs,repairs,housing,,,,,,,,asha\n"))
        assert result == ImportResult(updated=1)
        assert [u.username for u in ClientService.objects.get(code="repairs").team_managers.all()] == ["asha"]

    def test_bad_values_are_reported_by_column(self, housing):
        UserFactory(username="olu", role=Role.OFFICER)
        text = CLIENT_SERVICES_HEADER + (
            "Repairs,repairs,nowhere,not-an-email,12345,,101,abc,80,0,olu\nParking,parking,housing,,,,,,,,nobody\n"
        )
        with pytest.raises(CsvImportError) as caught:
            client_services_import(stream=stream(text))
        assert problems(caught) == [
            (2, "directorate_code"),
            (2, "email"),
            (2, "phone"),
            (2, "target_sla_percent"),
            (2, "target_first_contact_resolution_percent"),
            (2, "target_answer_seconds"),
            (2, "team_managers"),
            (3, "team_managers"),
        ]
        assert "Enter a phone number, like 020 8356 3000" in str(caught.value)
        assert not ClientService.objects.exists()


class TestSites:
    ROW = (
        "Hackney Service Centre,hackney,1 Hillman Street,,London,e81ea,100021064479,020 8356 3000,"
        '"Step-free access, hearing loop",yes,'
        "09:00-17:00,09:00-17:00,09:00-17:00,09:00-17:00,09:00-17:00,10:00-13:00,\n"
    )

    def test_creates_a_site_with_its_weekly_hours(self):
        assert sites_import(stream=stream(SITES_HEADER + self.ROW)) == ImportResult(created=1)
        site = Site.objects.get(code="hackney")
        assert site.postcode == "E8 1EA"
        assert site.phone == "+442083563000"
        assert site.accessibility == "Step-free access, hearing loop"
        hours = {row.weekday: (row.opens, row.closes) for row in site.opening_hours.all()}
        assert hours == {**{day: (time(9), time(17)) for day in range(5)}, 5: (time(10), time(13))}

    def test_running_twice_changes_nothing_and_changed_hours_replace_the_old(self):
        sites_import(stream=stream(SITES_HEADER + self.ROW))
        assert sites_import(stream=stream(SITES_HEADER + self.ROW)) == ImportResult(unchanged=1)
        later = self.ROW.replace("10:00-13:00,", ",")
        assert sites_import(stream=stream(SITES_HEADER + later)) == ImportResult(updated=1)
        assert sorted(Site.objects.get(code="hackney").opening_hours.values_list("weekday", flat=True)) == [
            0,
            1,
            2,
            3,
            4,
        ]

    def test_bad_postcode_hours_and_flags_are_reported(self):
        row = (
            "Centre,centre,1 Street,,London,E8 1EC,12ab,,,maybe,9am-5pm,17:00-09:00,25:00-26:00,,,,\n"
            "No address,no-address,,,,,,,,,,,,,,,\n"
        )
        with pytest.raises(CsvImportError) as caught:
            sites_import(stream=stream(SITES_HEADER + row))
        assert problems(caught) == [
            (2, "postcode"),
            (2, "uprn"),
            (2, "closed_on_bank_holidays"),
            (2, "mon"),
            (2, "tue"),
            (2, "wed"),
            (3, "address_line_1"),
            (3, "town"),
            (3, "postcode"),
        ]
        assert "Enter a real postcode, like E8 1EA" in str(caught.value)


class TestSiteClosures:
    def test_creates_and_matches_on_site_and_first_day(self):
        SiteFactory(code="hackney")
        text = "site_code,starts_on,ends_on,reason\nhackney,2026-12-21,22/12/2026,Staff training\n"
        assert site_closures_import(stream=stream(text)) == ImportResult(created=1)
        assert site_closures_import(stream=stream(text)) == ImportResult(unchanged=1)
        longer = text.replace("22/12/2026", "2026-12-23")
        assert site_closures_import(stream=stream(longer)) == ImportResult(updated=1)
        assert SiteClosure.objects.get().ends_on == date(2026, 12, 23)

    def test_bad_rows_are_reported(self):
        SiteFactory(code="hackney")
        text = (
            "site_code,starts_on,ends_on,reason\n"
            "nowhere,2026-12-21,2026-12-22,Training\n"
            "hackney,2026-12-21,2026-12-20,Training\n"
            "hackney,31/02/2026,,\n"
            "hackney,2026-12-21,2026-12-22,Training again\n"
        )
        with pytest.raises(CsvImportError) as caught:
            site_closures_import(stream=stream(text))
        assert problems(caught) == [
            (2, "site_code"),
            (3, "ends_on"),
            (4, "starts_on"),
            (4, "ends_on"),
            (4, "reason"),
            (5, "starts_on"),
        ]
        assert not SiteClosure.objects.exists()


class TestCommand:
    def test_imports_a_file(self, tmp_path, capsys):
        path = tmp_path / "directorates.csv"
        path.write_bytes("\ufeffname,code\nFinance,finance\n".encode())
        call_command("import_organisation", "directorates", str(path))
        assert "1 created, 0 updated, 0 unchanged" in capsys.readouterr().out
        assert Directorate.objects.filter(code="finance").exists()

    def test_reports_problems_without_importing(self, tmp_path):
        path = tmp_path / "client-services.csv"
        path.write_text(CLIENT_SERVICES_HEADER + "Repairs,repairs,nowhere,,,,,,,,\n")
        with pytest.raises(CommandError, match="Line 2, column directorate_code: There is no directorate"):
            call_command("import_organisation", "client-services", str(path))

    def test_reports_a_missing_file(self, tmp_path):
        with pytest.raises(CommandError, match="Cannot read"):
            call_command("import_organisation", "sites", str(tmp_path / "missing.csv"))

    def test_imports_site_closures(self, tmp_path):
        SiteFactory(code="hackney")
        path = tmp_path / "closures.csv"
        path.write_text("site_code,starts_on,ends_on,reason\nhackney,2026-12-21,2026-12-22,Training\n")
        call_command("import_organisation", "site-closures", str(path))
        assert SiteClosure.objects.count() == 1
