"""The demo sites' closures for any year. A council imports its own as a CSV (`import_organisation
site-closures`); the demo writes the same CSV for the years it shows and imports it the same way, so a demo
loaded in any year has closures still to come, and a generated borough's year has its own."""

import csv
import datetime
import io
import tempfile
from pathlib import Path

from django.core.management import call_command

CHRISTMAS = ("east", "west")  # closed between Christmas and New Year
TRAINING = "north"  # a staff training day, the second Wednesday of February
COLUMNS = ("site_code", "starts_on", "ends_on", "reason")  # docs/IMPORTS.md, "Site closures"


def demo_site_closures(*, year: int) -> list[tuple[str, datetime.date, datetime.date, str]]:
    """(site code, first day, last day, reason) for each demo closure in `year`."""
    february = datetime.date(year, 2, 1)
    training = february + datetime.timedelta(days=(2 - february.weekday()) % 7 + 7)
    christmas = (datetime.date(year, 12, 29), datetime.date(year, 12, 31), "Closed between Christmas and New Year")
    return [(code, *christmas) for code in CHRISTMAS] + [(TRAINING, training, training, "Staff training day")]


def demo_site_closures_load(*, years: tuple[int, ...], stdout: io.TextIOBase) -> None:
    """Imports the closures of `years` through the council's own import; the sites must be there already."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "site_closures.csv"
        with path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for year in years:
                writer.writerows(
                    (code, first.isoformat(), last.isoformat(), reason)
                    for code, first, last, reason in demo_site_closures(year=year)
                )
        call_command("import_organisation", "site-closures", str(path), stdout=stdout)
