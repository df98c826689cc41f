"""First-contact resolution, repeat contact and transaction time under each documented definition
(`docs/MEASURES.md`): what each contact adds to the facts, the upgrade that counts facts written before, and the
dashboard, its downloads and the statements against hand counts over a small generated borough's raw contacts."""

import csv
import datetime
import io
import zoneinfo
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.forms.models import model_to_dict
from openpyxl import load_workbook

from servicefirst.accounts.roles import Role
from servicefirst.contacts.models import Contact
from servicefirst.core.channels import ContactChannel
from servicefirst.core.disclosure import EXACT
from servicefirst.organisation.models import ClientService
from servicefirst.performance.definitions import DEFINITIONS
from servicefirst.performance.models import ContactDayFact, ContactMonthFact
from servicefirst.performance.selectors_statements import Month, statement_build, statement_tables
from servicefirst.performance.services_facts import facts_rebuild
from tests.factories import CouncilServiceFactory, UserFactory, make_customer
from tests.factories_contacts import log_contact, referral_reason

LONDON = zoneinfo.ZoneInfo("Europe/London")
URL = "/staff/performance/"
MEASURE_IDS = (
    "first-contact-resolution",
    "first-contact-resolution-all-contacts",
    "repeat-contact",
    "repeat-contact-all-contacts",
    "average-transaction-time",
    "transaction-time-by-channel",
)


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "No data"


def half_up(part: int, whole: int) -> Decimal:
    """A statement's percentage: to one place, half up, as money and shares are shown to the client service."""
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def clock(seconds: int) -> str:
    return f"{seconds // 60} min {seconds % 60:02d} s"


def period_query(date_from: datetime.date, date_to: datetime.date, **extra) -> dict:
    return {
        "date_from_day": date_from.day,
        "date_from_month": date_from.month,
        "date_from_year": date_from.year,
        "date_to_day": date_to.day,
        "date_to_month": date_to.month,
        "date_to_year": date_to.year,
    } | extra


def contact_facts() -> dict[str, list[dict]]:
    def rows(model, period):
        kept = (model_to_dict(row, exclude=["id"]) for row in model.objects.all())
        return sorted(kept, key=lambda r: (r[period], r["channel"], r["site_key"], r["council_service_key"]))

    return {"days": rows(ContactDayFact, "day"), "months": rows(ContactMonthFact, "month")}


@pytest.fixture
def logged(db):
    """One day's contacts: known and anonymous customers, each outcome, a repeat, three channels."""
    officer = UserFactory(role=Role.OFFICER)
    customer = make_customer(actor=officer)
    bins = CouncilServiceFactory(name="Missed bins")
    start = datetime.datetime(2026, 5, 6, 9, 0, tzinfo=LONDON)

    def contact(minutes_in: int, minutes: int, **fields):
        started = start + datetime.timedelta(minutes=minutes_in)
        return log_contact(
            officer, started_at=started, ended_at=started + datetime.timedelta(minutes=minutes), **fields
        )

    contact(0, 4, council_service_id=bins.pk, customer_id=customer.pk)
    contact(
        10,
        6,
        council_service_id=bins.pk,
        customer_id=customer.pk,
        outcome="referred",
        referral_reason_id=referral_reason().pk,
    )
    contact(20, 3, council_service_id=bins.pk, outcome="signposted")
    contact(30, 1, outcome="failed")
    contact(40, 1, outcome="failed", customer_id=customer.pk, council_service_id=bins.pk)
    contact(50, 12, channel="email", council_service_id=bins.pk)
    return start.date()


@pytest.mark.django_db
def test_each_contact_adds_its_part_of_each_measure_as_logged_and_rebuilt(logged):
    day = ContactDayFact.objects.filter(day=logged)
    summed = {name: sum(getattr(f, name) for f in day) for name in ("contacts", "resolvable", "identified", "repeats")}
    # Failed contacts cannot be resolved, with a service or without; referred and signposted ones could have been.
    # Three name the customer; the second and the failed one with a service about bins are repeats of the first.
    assert summed == {"contacts": 6, "resolvable": 4, "identified": 3, "repeats": 2}
    kept = contact_facts()
    facts_rebuild()
    assert contact_facts() == kept


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_counts_the_new_parts_of_facts_written_before_it(logged):
    kept = contact_facts()
    executor = MigrationExecutor(connection)
    executor.migrate([("performance", "0002_day_facts")])
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([("performance", "0003_facts_resolvable_identified")])
        assert contact_facts() == kept
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_definitions_page_has_each_measure_with_its_sources(staff, client_for):
    client = client_for(staff[Role.COUNCILLOR])
    page = client.get(URL + "definitions/").content.decode()
    dashboard = client.get(URL).content.decode()
    for definition_id in MEASURE_IDS:
        definition = DEFINITIONS[definition_id]
        assert f'id="{definition_id}"' in page
        assert f'href="/staff/performance/definitions/#{definition_id}"' in dashboard
        assert definition.sources
        for source in definition.sources:
            assert source.says in page
            if source.url:
                assert f'href="{source.url}"' in page


def hand_counts(rows: list[dict]) -> dict:
    """Each measure under each definition, in plain Python over the raw contacts."""
    n = len(rows)
    resolved = sum(r["outcome"] == "resolved_first_contact" for r in rows)
    resolvable = sum(r["outcome"] != "failed" for r in rows)
    repeats = sum(r["is_repeat"] for r in rows)
    identified = sum(r["customer_id"] is not None for r in rows)
    spent = [(r["ended_at"] - r["started_at"]).total_seconds() for r in rows]
    average = round(round(sum(spent)) / n) if n else 0
    figures = {
        "first-contact-resolution": (pct(resolved, resolvable), resolved, resolvable),
        "first-contact-resolution-all-contacts": (pct(resolved, n), resolved, n),
        "repeat-contact": (pct(repeats, identified), repeats, identified),
        "repeat-contact-all-contacts": (pct(repeats, n), repeats, n),
        "average-transaction-time": (clock(average) if n else "No data", average, n),
    }
    by_channel = defaultdict(list)
    for r in rows:
        by_channel[r["channel"]].append((r["ended_at"] - r["started_at"]).total_seconds())
    times = []
    for value, label in ContactChannel.choices:
        count, total = len(by_channel[value]), round(sum(by_channel[value]))
        mean = round(total / count) if count else "No data"
        times.append([label, count, clock(mean) if count else mean, mean, round(total / 60, 1)])
    return {"figures": figures, "times": times}


@pytest.mark.slow
@pytest.mark.django_db
def test_the_dashboard_and_statements_equal_hand_counts_on_a_small_generated_borough(client_for):
    with time_machine.travel(datetime.datetime(2026, 1, 20, 12, 0, tzinfo=LONDON), tick=False):
        call_command("generate_borough", year=2025, scale=0.003, seed=7, stdout=io.StringIO())
        head = client_for(UserFactory(username="measures-head", role=Role.HEAD_OF_SERVICE))
        fields = ("started_at", "ended_at", "channel", "outcome", "is_repeat", "customer_id")
        contacts = list(Contact.objects.values(*fields, "council_service__client_service_id"))
        for contact in contacts:
            contact["day"] = contact["started_at"].astimezone(LONDON).date()
        busiest = Counter(c["council_service__client_service_id"] for c in contacts).most_common(2)
        waste = ClientService.objects.get(pk=next(pk for pk, _ in busiest if pk is not None))
        # A whole month from the monthly facts; a period with ragged ends from the daily ones too.
        periods = [
            (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31), {}),
            (datetime.date(2025, 2, 11), datetime.date(2025, 4, 20), {}),
            (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31), {"client_service": waste.pk}),
        ]
        for date_from, date_to, chosen in periods:
            rows = [
                c
                for c in contacts
                if date_from <= c["day"] <= date_to
                and chosen.get("client_service") in (None, c["council_service__client_service_id"])
            ]
            want = hand_counts(rows)
            query = period_query(date_from, date_to, **chosen)
            report = head.get(URL, query).context["report"]
            # An average time's seconds are no count of anything, so the headline keeps them apart from `part`.
            shown = {
                h.definition: (h.value, h.part if h.seconds is None else h.seconds, h.whole) for h in report.headlines
            }
            assert {k: shown[k] for k in want["figures"]} == want["figures"]
            times = next(f.table for f in report.figure_tables if f.definition == "transaction-time-by-channel")
            assert times.rows == want["times"]
            # The generated borough exercises every definition: the two figures of each measure differ.
            assert shown["repeat-contact"][0] != shown["repeat-contact-all-contacts"][0]
            if not chosen:
                assert shown["first-contact-resolution"][0] != shown["first-contact-resolution-all-contacts"][0]
            assert len({row[3] for row in times.rows if row[3] is not None}) > 1

            key_figures = list(csv.reader(io.StringIO(head.get(URL, query | {"format": "csv"}).content.decode())))
            labels = {h.definition: h.label for h in report.headlines}
            by_label = {row[0]: row for row in key_figures[1:]}
            for definition_id, (value, part, whole) in want["figures"].items():
                row = by_label[labels[definition_id]]
                # An average time's seconds have their own column, never the Count one.
                counted = row[5] if definition_id == "average-transaction-time" else row[2]
                assert [row[1], counted, row[3]] == [value, str(part), str(whole)]
            download = head.get(URL, query | {"format": "csv", "table": times.slug}).content.decode()
            assert list(csv.reader(io.StringIO(download)))[1:] == [
                ["" if cell is None else str(cell) for cell in row] for row in want["times"]
            ]
            book = load_workbook(io.BytesIO(head.get(URL, query | {"format": "xlsx"}).content))
            sheets = {sheet.title: [list(r) for r in sheet.iter_rows(values_only=True)] for sheet in book}
            sheet = next(rows for title, rows in sheets.items() if title.startswith("Transaction time"))
            assert sheet[1:] == want["times"]
            key_sheet = next(rows for title, rows in sheets.items() if title.startswith("Key figures"))
            repeats = next(row for row in key_sheet if row[0] == labels["repeat-contact"])
            assert repeats[1:4] == list(want["figures"]["repeat-contact"])

        march = [c for c in contacts if c["day"].month == 3 and c["council_service__client_service_id"] == waste.pk]
        statement = statement_build(client_service=waste, month=Month(2025, 3))
        by_channel = defaultdict(list)
        for c in march:
            by_channel[c["channel"]].append(c)
        assert {f.channel: (f.contacts, f.identified, f.repeats) for f in statement.channels} == {
            channel: (len(rows), sum(r["customer_id"] is not None for r in rows), sum(r["is_repeat"] for r in rows))
            for channel, rows in by_channel.items()
        }
        identified = sum(c["customer_id"] is not None for c in march)
        repeats = sum(c["is_repeat"] for c in march)
        total_row = statement_tables(statement, disclosure=EXACT)[0].rows[-1]
        assert total_row[1:6] == [
            len(march),
            identified,
            repeats,
            half_up(repeats, identified),
            half_up(repeats, len(march)),
        ]
