"""The demo borough's catalogue as the demo loads it (its directorates, client services, council services, contact
points and the plain-English wording residents read), for tests of what residents find. Only the LGSL rows those
services name are loaded, so a test stays quick."""

import csv
import io
from pathlib import Path

from servicefirst.accounts.roles import Role
from servicefirst.catalogue.imports import contact_points_import, council_services_import, lgsl_import
from servicefirst.demo.configuration import demo_service_wording_load
from servicefirst.organisation.imports import client_services_import, directorates_import, sites_import
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[1] / "servicefirst"
DEMO = ROOT / "demo" / "data"
LGSL = ROOT / "catalogue" / "data" / "lgsl.csv"


def _lgsl_rows(codes: set[str]) -> io.StringIO:
    out = io.StringIO()
    with LGSL.open(newline="", encoding="utf-8") as source:
        reader = csv.DictReader(source)
        writer = csv.DictWriter(out, fieldnames=["code", "name", "description"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(row for row in reader if row["code"] in codes)
    out.seek(0)
    return out


def demo_catalogue_load() -> None:
    with (DEMO / "council_services.csv").open(encoding="utf-8") as services:
        codes = {row["lgsl_code"] for row in csv.DictReader(services)}
    with (DEMO / "client_services.csv").open(encoding="utf-8") as client_services:
        managers = {name for row in csv.DictReader(client_services) for name in row["team_managers"].split(";") if name}
    for username in sorted(managers):
        UserFactory(username=username, role=Role.TEAM_MANAGER)
    organisation = (
        (directorates_import, "directorates.csv"),
        (client_services_import, "client_services.csv"),
        (sites_import, "sites.csv"),
    )
    for load, name in organisation:
        with (DEMO / name).open(encoding="utf-8") as stream:
            load(stream=stream)
    lgsl_import(stream=_lgsl_rows(codes))
    for load, name in (
        (council_services_import, "council_services.csv"),
        (contact_points_import, "contact_points.csv"),
    ):
        with (DEMO / name).open(encoding="utf-8") as stream:
            load(stream=stream)
    demo_service_wording_load()
