"""The KPI dashboard: every figure against the same figure worked out here in plain Python from the rows the test
made, the filters, the permissions, the councillor's view without personal data, and the downloads."""

import csv
import datetime
import io
import re
import zoneinfo
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from servicefirst.accounts.roles import Role
from servicefirst.complaints.models import Complaint, Outcome, Procedure
from servicefirst.complaints.services import complaint_respond
from servicefirst.contacts.models import Contact
from servicefirst.core.channels import ContactChannel
from servicefirst.performance.definitions import DEFINITIONS
from servicefirst.satisfaction.models import SurveyResponse
from servicefirst.servicerequests.models import OPEN_STATUSES, ServiceRequest, ServiceRequestPause
from servicefirst.servicerequests.services import service_request_status_update
from tests.exports_readback import sheet_expected, sheet_values
from tests.factories import (
    ClientServiceFactory,
    CouncilServiceFactory,
    DirectorateFactory,
    SiteFactory,
    UserFactory,
    make_customer,
)
from tests.factories_complaints import make_complaint
from tests.factories_contacts import avoidable_reason, log_contact
from tests.factories_satisfaction import answer
from tests.factories_servicerequests import make_service_request

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
URL = "/staff/performance/"
OFFICER_NAME = ("Bartholomew", "Quartermaine")
CUSTOMER_NAME = ("Wilhelmina", "Fotheringay")


def days_ago(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), LONDON)


@dataclass
class World:
    date_from: datetime.date
    date_to: datetime.date
    place: object = None
    resources: object = None
    waste: object = None
    parking: object = None
    apex: object = None
    town_hall: object = None
    contacts: list = field(default_factory=list)
    answers: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    complaints: list = field(default_factory=list)

    def query(self, **extra) -> dict:
        return {
            "date_from_day": self.date_from.day,
            "date_from_month": self.date_from.month,
            "date_from_year": self.date_from.year,
            "date_to_day": self.date_to.day,
            "date_to_month": self.date_to.month,
            "date_to_year": self.date_to.year,
        } | extra


@pytest.fixture
def world(db) -> World:
    """Two directorates, two client services, three council services, two sites; contacts in and out of the
    period on several channels and hours; answers; requests on time, late, open and overdue; corporate and
    statutory complaints."""
    today = timezone.localdate()
    w = World(date_from=today - datetime.timedelta(days=13), date_to=today)
    w.place = DirectorateFactory(name="Place", code="place")
    w.resources = DirectorateFactory(name="Resources", code="resources")
    w.waste = ClientServiceFactory(name="Refuse and recycling", code="refuse-dash", directorate=w.place)
    w.parking = ClientServiceFactory(name="Parking enforcement", code="enforcement-dash", directorate=w.resources)
    bins = CouncilServiceFactory(name="Missed bins", client_service=w.waste, sla_working_days=2)
    garden = CouncilServiceFactory(name="Garden waste", client_service=w.waste, sla_working_days=5)
    permits = CouncilServiceFactory(name="Parking permits", client_service=w.parking, sla_working_days=10)
    w.apex = SiteFactory(name="Apex House", code="apex")
    w.town_hall = SiteFactory(name="Town Hall", code="town-hall")
    officer = UserFactory(role=Role.OFFICER, first_name=OFFICER_NAME[0], last_name=OFFICER_NAME[1])
    customer = make_customer(actor=officer, first_name=CUSTOMER_NAME[0], last_name=CUSTOMER_NAME[1])
    chasing = avoidable_reason()

    def contact(start, minutes, **fields):
        made = log_contact(officer, started_at=start, ended_at=start + datetime.timedelta(minutes=minutes), **fields)
        w.contacts.append(made)
        return made

    c1 = contact(days_ago(3, 9, 10), 4, council_service_id=bins.pk, customer_id=customer.pk)
    contact(
        days_ago(3, 9, 40),
        7,
        council_service_id=bins.pk,
        customer_id=customer.pk,
        outcome="signposted",
        is_avoidable=True,
        avoidable_reason_id=chasing.pk,
    )
    c3 = contact(days_ago(2, 11, 5), 10, channel="face_to_face", site_id=w.apex.pk, council_service_id=permits.pk)
    c4 = contact(
        days_ago(2, 14, 30),
        6,
        channel="face_to_face",
        site_id=w.town_hall.pk,
        council_service_id=garden.pk,
        outcome="signposted",
    )
    contact(days_ago(1, 16, 0), 2, channel="email", council_service_id=permits.pk)
    contact(days_ago(1, 12, 0), 1, outcome="failed")
    contact(days_ago(5, 9, 15), 3, council_service_id=garden.pk, is_avoidable=True, avoidable_reason_id=chasing.pk)
    # Outside the period: 40 days ago, and a repeat of nothing in the period.
    old = contact(days_ago(40, 10, 0), 5, council_service_id=bins.pk)

    for made, rating in ((c1, 5), (c3, 4), (c4, 2), (old, 5)):
        w.answers.append(answer(made, rating))

    head = UserFactory(role=Role.HEAD_OF_SERVICE)
    on_time = make_service_request(council_service=bins, received_at=timezone.now() - datetime.timedelta(hours=1))
    late = make_service_request(council_service=bins, received_at=days_ago(30, 10))
    overdue = make_service_request(council_service=permits, received_at=days_ago(60, 10))
    # Received when its contact began, two days ago: five working days are not yet up.
    not_due = make_service_request(council_service=garden, contact=c4.pk)
    from_town_hall = make_service_request(council_service=garden, contact=c4.pk, received_at=days_ago(20, 10))
    # Past its due date, but its SLA is paused while the council waits for the customer.
    waiting = make_service_request(council_service=bins, received_at=days_ago(30, 11))
    service_request_status_update(actor=head, request_id=waiting.pk, status="awaiting_customer", note="Send a photo")
    # Waited on the customer and was answered before it was resolved: one pause ended in the period.
    service_request_status_update(actor=head, request_id=late.pk, status="awaiting_customer", note="Which bin?")
    service_request_status_update(actor=head, request_id=late.pk, status="in_progress")
    for resolved in (on_time, late, from_town_hall):
        service_request_status_update(actor=head, request_id=resolved.pk, status="resolved", note="Done")
    w.requests = [on_time, late, overdue, not_due, from_town_hall, waiting]

    answered_in_time = make_complaint(actor=officer, received_at=days_ago(3, 10), council_service=bins.pk)
    complaint_respond(
        actor=head, complaint_id=answered_in_time.pk, outcome=Outcome.UPHELD, response="Sorry.", at=days_ago(2, 10)
    )
    answered_late = make_complaint(actor=officer, received_at=days_ago(60, 10), council_service=permits.pk)
    complaint_respond(
        actor=head, complaint_id=answered_late.pk, outcome=Outcome.NOT_UPHELD, response="No.", at=days_ago(1, 10)
    )
    unanswered = make_complaint(actor=officer, received_at=days_ago(4, 10), council_service=permits.pk)
    statutory = make_complaint(
        actor=officer, received_at=days_ago(3, 10), council_service=bins.pk, procedure=Procedure.ADULTS
    )
    complaint_respond(actor=head, complaint_id=statutory.pk, outcome=Outcome.UPHELD, response="Yes.", at=days_ago(2, 9))
    make_complaint(actor=officer, kind="compliment", received_at=days_ago(2, 10), summary="Lovely staff")
    w.complaints = [answered_in_time, answered_late, unanswered, statutory]
    for row in [*w.requests, *w.contacts, *w.complaints]:
        row.refresh_from_db()
    return w


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "No data"


def expected(w: World, *, site=None, client_service=None, directorate=None) -> dict:
    """Every figure worked out in Python from the rows the test made, never through the dashboard's code."""
    today = timezone.localdate()

    def in_period(moment) -> bool:
        return moment is not None and w.date_from <= timezone.localtime(moment, LONDON).date() <= w.date_to

    def service_ok(client_service_row) -> bool:
        if client_service_row is None:
            return client_service is None and directorate is None
        return (client_service is None or client_service_row.pk == client_service.pk) and (
            directorate is None or client_service_row.directorate_id == directorate.pk
        )

    contacts = [
        c
        for c in w.contacts
        if in_period(c.started_at)
        and (site is None or c.site_id == site.pk)
        and service_ok(c.council_service.client_service if c.council_service else None)
    ]
    n = len(contacts)
    seconds = sum((c.ended_at - c.started_at).total_seconds() for c in contacts)
    average = round(seconds / n) if n else 0
    answers = [
        a
        for a in w.answers
        if in_period(a.contact.started_at)
        and (site is None or a.contact.site_id == site.pk)
        and service_ok(a.contact.council_service.client_service)
    ]
    requests = [
        r
        for r in w.requests
        if (site is None or (r.contact is not None and r.contact.site_id == site.pk)) and service_ok(r.client_service)
    ]
    resolved = [r for r in requests if in_period(r.resolved_at)]
    resolved_on_time = [r for r in resolved if timezone.localtime(r.resolved_at, LONDON).date() <= r.due_on]
    still_open = [r for r in requests if r.status in OPEN_STATUSES]
    running = [r for r in still_open if r.sla_paused_since is None]
    pauses = [p for p in ServiceRequestPause.objects.filter(request__in=requests) if in_period(p.ended_at)]
    corporate = [c for c in w.complaints if c.procedure == Procedure.CORPORATE and service_ok(c.client_service)]
    stages = [s for c in corporate for s in c.stages.all() if in_period(s.responded_at)]
    stages_on_time = [
        s for s in stages if timezone.localtime(s.responded_at, LONDON).date() <= (s.extended_to or s.respond_due)
    ]
    satisfied = sum(1 for a in answers if a.rating >= 4)
    resolved_first = sum(c.outcome == "resolved_first_contact" for c in contacts)
    resolvable = sum(c.outcome != "failed" for c in contacts)
    repeats = sum(c.is_repeat for c in contacts)
    identified = sum(c.customer_id is not None for c in contacts)
    figures = {
        "contacts": (f"{n:,}", n, None),
        "first-contact-resolution": (pct(resolved_first, resolvable), resolved_first, resolvable),
        "first-contact-resolution-all-contacts": (pct(resolved_first, n), resolved_first, n),
        "average-transaction-time": (f"{average // 60} min {average % 60:02d} s" if n else "No data", average, n),
        "avoidable-contact": (pct(sum(c.is_avoidable for c in contacts), n), sum(c.is_avoidable for c in contacts), n),
        "repeat-contact": (pct(repeats, identified), repeats, identified),
        "repeat-contact-all-contacts": (pct(repeats, n), repeats, n),
        "satisfaction": (pct(satisfied, len(answers)), satisfied, len(answers)),
        "sla-compliance": (pct(len(resolved_on_time), len(resolved)), len(resolved_on_time), len(resolved)),
        "open-overdue": (
            str(sum(r.due_on < today for r in running)),
            sum(r.due_on < today for r in running),
            len(still_open),
        ),
        "open-paused": (
            str(len(still_open) - len(running)),
            len(still_open) - len(running),
            len(still_open),
        ),
        "working-days-paused": (str(sum(p.working_days for p in pauses)), len(pauses), None),
        "complaints-received": (
            str(sum(in_period(c.received_at) for c in corporate)),
            sum(in_period(c.received_at) for c in corporate),
            None,
        ),
        "complaints-on-time": (pct(len(stages_on_time), len(stages)), len(stages_on_time), len(stages)),
    }

    def counted(labels: list[str]) -> dict[str, int]:
        result: dict[str, int] = {}
        for label in labels:
            result[label] = result.get(label, 0) + 1
        return result

    by_channel = counted([ContactChannel(c.channel).label for c in contacts])
    tables = {
        "contacts-by-channel": {label: by_channel.get(label, 0) for label in ContactChannel.labels},
        "contacts-by-site": counted([c.site.name if c.site else "No site (phone, email and online)" for c in contacts]),
        "contacts-by-service": counted(
            [c.council_service.name if c.council_service else "No service (failed contacts)" for c in contacts]
        ),
        "contacts-by-hour": {
            f"{h:02d}:00 to {h:02d}:59": sum(timezone.localtime(c.started_at, LONDON).hour == h for c in contacts)
            for h in range(24)
        },
    }
    return {"figures": figures, "tables": tables}


def shown(response) -> tuple[dict, dict]:
    report = response.context["report"]
    # An average time is no count: the key figures give it in its own seconds column.
    figures = {h.definition: (h.value, h.part if h.seconds is None else h.seconds, h.whole) for h in report.headlines}
    tables = {chart.definition: {row[0]: row[1] for row in chart.table.rows} for chart in report.charts}
    return figures, tables


def test_every_figure_matches_the_same_figure_worked_out_from_the_rows(world, staff, client_for):
    response = client_for(staff[Role.HEAD_OF_SERVICE]).get(URL, world.query())
    assert response.status_code == 200
    want = expected(world)
    figures, tables = shown(response)
    assert figures == want["figures"]
    assert tables == want["tables"]
    # The data was built to exercise every figure: none is empty or trivially all-or-nothing.
    assert figures["contacts"][1] == 7
    assert figures["repeat-contact"][1:] == (1, 2)
    assert figures["first-contact-resolution"][1:] == (4, 6)
    assert figures["first-contact-resolution-all-contacts"][1:] == (4, 7)
    assert figures["avoidable-contact"][1] == 2
    assert figures["satisfaction"][1:] == (2, 3)
    assert figures["sla-compliance"][1:] == (1, 3)
    assert figures["open-overdue"][1:] == (1, 3)
    assert figures["open-paused"][1:] == (1, 3)
    assert figures["working-days-paused"][1] == 1
    assert figures["complaints-received"][1] == 2
    assert figures["complaints-on-time"][1:] == (1, 2)
    html = response.content.decode()
    for value, _, _ in figures.values():
        assert value in html
    assert '<caption class="govuk-table__caption govuk-table__caption--s">Contacts by channel</caption>' in html


@pytest.mark.parametrize(
    "choose",
    [
        lambda w: {"site": w.apex},
        lambda w: {"site": w.town_hall},
        lambda w: {"client_service": w.waste},
        lambda w: {"directorate": w.resources},
        lambda w: {"directorate": w.place, "client_service": w.waste},
    ],
    ids=["site-apex", "site-town-hall", "client-service", "directorate", "directorate-and-service"],
)
def test_filters_change_the_figures_as_the_rows_say(world, staff, client_for, choose):
    chosen = choose(world)
    response = client_for(staff[Role.TEAM_MANAGER]).get(URL, world.query(**{k: v.pk for k, v in chosen.items()}))
    assert response.status_code == 200
    want = expected(world, **chosen)
    figures, tables = shown(response)
    assert figures == want["figures"]
    assert tables == want["tables"]
    unfiltered, _ = shown(client_for(staff[Role.TEAM_MANAGER]).get(URL, world.query()))
    assert figures["contacts"] != unfiltered["contacts"]


def test_the_period_filter_moves_every_dated_figure(world, staff, client_for):
    world.date_from = world.date_to = timezone.localdate() - datetime.timedelta(days=2)
    figures, tables = shown(client_for(staff[Role.HEAD_OF_SERVICE]).get(URL, world.query()))
    want = expected(world)
    assert figures == want["figures"]
    assert tables == want["tables"]
    assert figures["contacts"][1] == 2
    assert figures["complaints-on-time"][1:] == (1, 1)


def test_statutory_complaints_and_compliments_are_left_out(world, staff, client_for):
    figures, _ = shown(client_for(staff[Role.HEAD_OF_SERVICE]).get(URL, world.query()))
    statutory = next(c for c in world.complaints if c.procedure == Procedure.ADULTS)
    assert world.date_from <= timezone.localtime(statutory.received_at).date() <= world.date_to
    # Three complaints of any procedure, plus a compliment, were received in the period; two are corporate.
    assert figures["complaints-received"][1] == 2
    assert figures["complaints-on-time"][2] == 2


def test_without_a_period_the_dashboard_shows_the_last_28_days(world, staff, client_for):
    response = client_for(staff[Role.HEAD_OF_SERVICE]).get(URL)
    report = response.context["report"]
    assert report.filters.date_to == timezone.localdate()
    assert report.filters.date_from == timezone.localdate() - datetime.timedelta(days=27)
    world.date_from, world.date_to = report.filters.date_from, report.filters.date_to
    assert shown(response)[0] == expected(world)["figures"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from_day": "31", "date_from_month": "2", "date_from_year": "2026"}, "From must be a real date"),
        ({"date_from_day": "1", "date_from_month": "", "date_from_year": "2026"}, "must include a day, month"),
        (
            {"date_from_day": "2", "date_from_month": "3", "date_from_year": "2026", "date_to_day": "1"}
            | {"date_to_month": "3", "date_to_year": "2026"},
            "The end of the period must be the same as or after the start",
        ),
        (
            {"date_from_day": "1", "date_from_month": "1", "date_from_year": "2020", "date_to_day": "1"}
            | {"date_to_month": "1", "date_to_year": "2026"},
            "The period must be 731 days or shorter",
        ),
        ({"site": "999999"}, "Select a site from the list"),
        ({"site": "abc"}, "Select a site from the list"),
        ({"directorate": "x"}, "Select a directorate from the list"),
        ({"client_service": "999999"}, "Select a client service from the list"),
    ],
)
def test_bad_filters_show_the_error_summary_and_keep_what_was_typed(staff, client_for, params, message):
    response = client_for(staff[Role.HEAD_OF_SERVICE]).get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    for name, value in params.items():
        if name.startswith("date_") and value:
            assert re.search(f'name="{name}"[^>]* value="{value}"', html)


def test_a_client_service_outside_the_chosen_directorate_is_refused(world, staff, client_for):
    response = client_for(staff[Role.HEAD_OF_SERVICE]).get(
        URL, world.query(directorate=world.resources.pk, client_service=world.waste.pk)
    )
    assert response.status_code == 400
    assert "Select a client service in the chosen directorate" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.HEAD_OF_SERVICE, 200),
        (Role.TEAM_MANAGER, 200),
        (Role.COUNCILLOR, 200),
        (Role.ADMINISTRATOR, 200),
        (Role.OFFICER, 403),
        (Role.CLIENT_SERVICE_OFFICER, 403),
        (Role.COMPLAINTS_OFFICER, 403),
    ],
)
def test_only_those_who_read_reports_open_the_dashboard_and_definitions(staff, client_for, role, status):
    assert client_for(staff[role]).get(URL).status_code == status
    assert client_for(staff[role]).get(URL + "definitions/").status_code == status
    assert client_for(staff[role]).get(URL, {"format": "csv"}).status_code == status


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/")


def test_a_councillor_sees_the_same_aggregates_and_no_personal_data(world, staff, client_for, settings):
    # With no threshold to hide below; what a councillor may not see at the default is tests/test_disclosure.py's.
    settings.DISCLOSURE_THRESHOLD = 1
    councillor = client_for(staff[Role.COUNCILLOR])
    response = councillor.get(URL, world.query())
    assert response.status_code == 200
    assert shown(response) == shown(client_for(staff[Role.HEAD_OF_SERVICE]).get(URL, world.query()))
    downloads = [
        response.content.decode(),
        councillor.get(URL, world.query(format="csv")).content.decode(),
    ]
    book = load_workbook(io.BytesIO(councillor.get(URL, world.query(format="xlsx")).content))
    downloads += [str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]
    text = "\n".join(downloads)
    personal = [*OFFICER_NAME, *CUSTOMER_NAME]
    personal += [c.reference for c in world.contacts] + [r.reference for r in world.requests]
    personal += [c.reference for c in world.complaints]
    for value in personal:
        if value:
            assert value not in text


def test_every_figure_links_to_its_definition(world, staff, client_for):
    response = client_for(staff[Role.COUNCILLOR]).get(URL, world.query())
    report = response.context["report"]
    ids = [h.definition for h in report.headlines] + [c.definition for c in report.charts]
    html = response.content.decode()
    page = client_for(staff[Role.COUNCILLOR]).get(URL + "definitions/").content.decode()
    for definition_id in ids:
        assert definition_id in DEFINITIONS
        assert f'href="/staff/performance/definitions/#{definition_id}"' in html
        assert f'id="{definition_id}"' in page
        assert DEFINITIONS[definition_id].meaning.replace("'", "&#x27;") in page


def test_each_csv_and_the_xlsx_hold_the_rows_the_page_shows(world, staff, client_for):
    client = client_for(staff[Role.TEAM_MANAGER])
    report = client.get(URL, world.query()).context["report"]
    want = expected(world)
    book = load_workbook(io.BytesIO(client.get(URL, world.query(format="xlsx")).content))
    assert len(book.sheetnames) == len(report.tables)
    for table, sheet in zip(report.tables, book, strict=True):
        response = client.get(URL, world.query(format="csv", table=table.slug))
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == table.header_names
        assert rows[1:] == [["" if cell is None else str(cell) for cell in row] for row in table.rows]
        assert sheet_values(sheet) == sheet_expected(table)
    key_figures = {row[0]: row[1] for row in report.headline_table.rows}
    assert key_figures["First-contact resolution"] == want["figures"]["first-contact-resolution"][0]
    channel_rows = next(t for t in report.tables if t.title == "Contacts by channel").rows
    assert {row[0]: row[1] for row in channel_rows} == want["tables"]["contacts-by-channel"]


def test_the_number_of_queries_does_not_grow_with_the_data(world, staff, client_for):
    """Each figure is one grouped query in the database, so more contacts never mean more queries."""
    client = client_for(staff[Role.HEAD_OF_SERVICE])
    client.get(URL, world.query())
    with CaptureQueriesContext(connection) as before:
        client.get(URL, world.query())
    officer = UserFactory(role=Role.OFFICER)
    for minute in range(20):
        log_contact(
            officer, started_at=days_ago(1, 10, minute), council_service_id=world.contacts[0].council_service_id
        )
    with CaptureQueriesContext(connection) as after:
        response = client.get(URL, world.query())
    assert shown(response)[0]["contacts"][1] == 27
    assert len(after.captured_queries) == len(before.captured_queries)


@pytest.mark.slow
def test_a_small_generated_borough_gives_the_same_figures_as_plain_counts(client_for):
    """The generated borough at 1% scale: the dashboard's figures for the first quarter of 2026 against counts made
    here (a quarter, as at 1% a month may hold no corporate complaint)."""
    call_command("generate_borough", year=2026, scale=0.01, seed=42, stdout=io.StringIO())
    start = datetime.datetime(2026, 1, 1, tzinfo=LONDON)
    end = datetime.datetime(2026, 4, 1, tzinfo=LONDON)
    quarter = Contact.objects.filter(started_at__gte=start, started_at__lt=end)
    query = {"date_from_day": 1, "date_from_month": 1, "date_from_year": 2026}
    query |= {"date_to_day": 31, "date_to_month": 3, "date_to_year": 2026}
    head = UserFactory(username="dashboard-head", role=Role.HEAD_OF_SERVICE)
    figures, tables = shown(client_for(head).get(URL, query))
    n = quarter.count()
    assert n > 100
    assert figures["contacts"][1] == n
    # First-contact resolution, repeats and transaction time under each definition: test_performance_measures.py.
    assert figures["avoidable-contact"][1] == quarter.filter(is_avoidable=True).count()
    assert tables["contacts-by-channel"] == {
        label: quarter.filter(channel=value).count() for value, label in ContactChannel.choices
    }
    answers = SurveyResponse.objects.filter(contact__in=quarter)
    assert figures["satisfaction"][1:] == (answers.filter(rating__gte=4).count(), answers.count())
    corporate = Complaint.objects.filter(
        kind="complaint", procedure=Procedure.CORPORATE, received_at__gte=start, received_at__lt=end
    )
    assert figures["complaints-received"][1] == corporate.count()
    resolved_requests = ServiceRequest.objects.filter(resolved_at__gte=start, resolved_at__lt=end)
    assert len(resolved_requests) > 0 and answers.exists() and corporate.exists()
    on_time = sum(timezone.localtime(r.resolved_at, LONDON).date() <= r.due_on for r in resolved_requests)
    assert figures["sla-compliance"][1:] == (on_time, len(resolved_requests))


def test_the_trend_tables_give_each_weeks_figures_as_the_rows_say(world, staff, client_for):
    response = client_for(staff[Role.HEAD_OF_SERVICE]).get(URL, world.query())
    report = response.context["report"]
    assert report.trend_by_week
    trends = {t.table.title: t.table for t in report.trend_charts}
    contacts = trends["Contacts by week"]
    assert contacts.header_names == ["Week from", "To", "Contacts"]
    assert contacts.rows[0][0] == world.date_from and contacts.rows[-1][1] == world.date_to
    for first, last, count in contacts.rows:
        assert first.weekday() == 0 or first == world.date_from
        assert last.weekday() == 6 or last == world.date_to
        assert count == sum(first <= timezone.localtime(c.started_at, LONDON).date() <= last for c in world.contacts)
    fcr = trends["First-contact resolution by week"]
    for first, last, resolved, resolvable, percentage in fcr.rows:
        week = [c for c in world.contacts if first <= timezone.localtime(c.started_at, LONDON).date() <= last]
        assert resolved == sum(c.outcome == "resolved_first_contact" for c in week)
        assert resolvable == sum(c.outcome != "failed" for c in week)
        assert percentage == (round(100 * resolved / resolvable, 1) if resolvable else "No data")
    html = response.content.decode()
    for table in trends.values():
        assert f'<caption class="govuk-table__caption govuk-table__caption--s">{table.title}</caption>' in html
    assert sum(row[2] for row in contacts.rows) == report.headlines[0].part


def test_sla_by_client_service_and_other_services_apart(world, staff, client_for):
    report = client_for(staff[Role.HEAD_OF_SERVICE]).get(URL, world.query()).context["report"]
    sla = next(f.table for f in report.figure_tables if f.definition == "sla-by-client-service")
    assert sla.header_names[:4] == ["Client service", "Resolved", "Resolved on time", "Resolved on time (%)"]
    resolved = [
        r
        for r in world.requests
        if r.resolved_at and world.date_from <= timezone.localtime(r.resolved_at, LONDON).date() <= world.date_to
    ]
    assert sum(row[1] for row in sla.rows) == len(resolved)
    by_service = next(c for c in report.charts if c.definition == "contacts-by-service")
    assert all(bar.label != "All other services" for bar in by_service.bars)


def test_the_key_figures_csv_names_each_unit(world, staff, client_for):
    response = client_for(staff[Role.HEAD_OF_SERVICE]).get(URL, world.query(format="csv", table="key-figures"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Figure", "Value", "Count", "Out of", "Percentage (%)", "Average transaction time (seconds)"]
    average = next(row for row in rows if row[0].startswith("Average transaction time"))
    assert average[2] == "" and average[5] == str(expected(world)["figures"]["average-transaction-time"][1])


def test_the_dashboard_marks_what_printing_leaves_out(world, staff, client_for):
    html = client_for(staff[Role.HEAD_OF_SERVICE]).get(URL, world.query()).content.decode()
    assert '<form method="get" novalidate class="govuk-!-margin-bottom-6 sf-no-print">' in html
    assert 'class="govuk-body sf-no-print"><a class="govuk-link" href="?' in html
