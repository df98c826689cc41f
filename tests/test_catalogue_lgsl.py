"""Loading the Local Government Services List from esd's download and from a plain code,name file."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from servicefirst.catalogue.imports import lgsl_import
from servicefirst.catalogue.models import LgslService
from servicefirst.core.csvimport import CsvImportError, ImportResult, csv_file_read

pytestmark = pytest.mark.django_db

ESD_FILE = Path(__file__).resolve().parent / "data" / "lgsl_esd_services_2015.csv"
PLAIN_FILE = Path(settings.BASE_DIR) / "servicefirst" / "catalogue" / "data" / "lgsl.csv"


def stream(text: str) -> io.StringIO:
    return io.StringIO(text, newline="")


def test_the_esd_download_loads_and_a_second_run_adds_nothing():
    assert lgsl_import(stream=csv_file_read(path=ESD_FILE)) == ImportResult(created=1519)
    assert lgsl_import(stream=csv_file_read(path=ESD_FILE)) == ImportResult(unchanged=1519)
    assert LgslService.objects.count() == 1519


def test_the_esd_download_is_read_as_published():
    lgsl_import(stream=csv_file_read(path=ESD_FILE))
    assert LgslService.objects.get(code=604).name == "Archive loans, donations, bequests and sales"
    assert LgslService.objects.get(code=465).name == "Fishing"  # published with a trailing space
    adoption = LgslService.objects.get(code=1309).description
    assert adoption.startswith("Private organisations and individuals offering adoption support services")
    assert adoption.endswith("administered by Ofsted.")
    assert "\n" in adoption
    assert not LgslService.objects.filter(description__endswith="@en").exists()
    assert not LgslService.objects.filter(description__startswith='"').exists()


def test_the_plain_file_loads_and_then_updates_the_esd_names():
    assert lgsl_import(stream=csv_file_read(path=PLAIN_FILE)) == ImportResult(created=1520)
    assert lgsl_import(stream=csv_file_read(path=PLAIN_FILE)) == ImportResult(unchanged=1520)
    assert LgslService.objects.count() == 1520
    assert LgslService.objects.get(code=1788).name.startswith("Find out about support for children")


def test_the_command_reports_counts(capsys):
    call_command("import_lgsl", str(ESD_FILE))
    assert "1519 created, 0 updated, 0 unchanged" in capsys.readouterr().out
    call_command("import_lgsl", str(ESD_FILE))
    assert "0 created, 0 updated, 1519 unchanged" in capsys.readouterr().out


def test_esd_shape_with_extra_columns_multi_line_quotes_and_language_tags():
    text = (
        "\ufeffIdentifier,Label,Description,Created,Modified,History notes,Type,\n"
        '372,Abandoned vehicles,"The council removes them.\nUsually within a week.",2013-04-03,,,Service,\n'
        '604,"Archive loans, donations, bequests and sales","""Loans to the records office.""@en",,,,Service,\n'
    )
    assert lgsl_import(stream=stream(text)) == ImportResult(created=2)
    assert LgslService.objects.get(code=372).description == "The council removes them.\nUsually within a week."
    archive = LgslService.objects.get(code=604)
    assert archive.name == "Archive loans, donations, bequests and sales"
    assert archive.description == "Loans to the records office."


def test_plain_shape_with_only_code_and_name():
    assert lgsl_import(stream=stream("code,name\n372,Abandoned vehicles\n")) == ImportResult(created=1)
    assert LgslService.objects.get(code=372).description == ""


def test_a_changed_label_is_updated_and_nothing_is_added():
    lgsl_import(stream=stream("code,name,description\n372,Abandoned vehicles,Old\n1152,Abandoned trolleys,\n"))
    result = lgsl_import(
        stream=stream("code,name,description\n372,Vehicles - abandoned,Old\n1152,Abandoned trolleys,\n")
    )
    assert result == ImportResult(updated=1, unchanged=1)
    assert LgslService.objects.get(code=372).name == "Vehicles - abandoned"
    assert LgslService.objects.count() == 2


def test_a_file_with_neither_header_is_refused():
    with pytest.raises(CsvImportError, match=r"Identifier and Label .* or code and name"):
        lgsl_import(stream=stream("id,title\n372,Abandoned vehicles\n"))
    assert not LgslService.objects.exists()


def test_a_non_numeric_code_is_reported_by_line_and_nothing_is_saved():
    text = "code,name\n372,Abandoned vehicles\nABC,Not a code\n1152,\n372,Twice\n"
    with pytest.raises(CsvImportError) as caught:
        lgsl_import(stream=stream(text))
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, "code"), (4, "name"), (5, "code")]
    assert "Line 3, column code: The LGSL code must be a whole number, like 372, not 'ABC'" in str(caught.value)
    assert not LgslService.objects.exists()


def test_the_command_refuses_a_bad_file(tmp_path):
    path = tmp_path / "lgsl.csv"
    path.write_text("service,label\n1,x\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_lgsl", str(path))


def test_the_plain_file_after_the_esd_download_adds_only_the_newer_code():
    lgsl_import(stream=csv_file_read(path=ESD_FILE))
    # lgsl.csv is the same list with whitespace tidied in 28 descriptions, plus LGSL 1788.
    assert lgsl_import(stream=csv_file_read(path=PLAIN_FILE)) == ImportResult(created=1, updated=28, unchanged=1491)
    assert LgslService.objects.count() == 1520
