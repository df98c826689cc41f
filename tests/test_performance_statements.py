"""Client service statements: every figure against the same figure worked out by hand below.

March 2026 for the waste service (British Summer Time starts on 29 March, so the month's last evening is BST):

phone        A 2 Mar 10:00  4:00  customer 1               default £2.83 a contact (to 15 March)
             B 2 Mar 15:00  5:00  customer 1, a repeat     default £2.83
             C 20 Mar 10:00 6:00  customer 2               waste's own £3.50 a contact from 16 March
             D 31 Mar 23:30 2:30  anonymous (22:30 UTC)    £3.50
face to face E 5 Mar  6:00 and F 25 Mar 15:00, two customers, £8.62 a contact
email        G 10 Mar 2:07 and H 11 Mar 3:20, £0.50 a minute: 327 s = 5.45 min, x 0.50 = 2.725 → £2.73 (half up)

Contacts 8, of which 5 name a customer (D, G and H are anonymous), repeats 1: 20.0% of those with a known
customer, 12.5% of all contacts (phone 1 of 3, 33.3%, and 1 of 4, 25.0%).
Time 1,050 + 1,500 + 327 = 2,877 s, average 359.625 → 360 s = 6:00.
Phone average 1,050 / 4 = 262.5 → 263 s = 4:23; face to face 750 s = 12:30; email 163.5 → 164 s = 2:44.
Recharge 2 x 2.83 = 5.66; 2 x 3.50 = 7.00; 2 x 8.62 = 17.24; 2.73; total 32.63.
"""

import csv
import datetime
import io
import re
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse
from openpyxl import load_workbook

from servicefirst.accounts.roles import Role
from servicefirst.core.disclosure import EXACT
from servicefirst.performance.models import ChargeBasis, RechargeRate
from servicefirst.performance.selectors_statements import Month, month_parse, statement_build, statement_tables
from servicefirst.performance.services_facts import facts_rebuild
from servicefirst.servicerequests.models import ServiceRequest
from tests.exports_readback import sheet_expected, sheet_values
from tests.factories import CouncilServiceFactory, SiteFactory, make_customer
from tests.factories_contacts import log_contact
from tests.factories_servicerequests import make_service_request

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
MARCH = Month(2026, 3)


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=LONDON)


def contact(officer, service, started: datetime.datetime, seconds: int, **fields):
    return log_contact(
        officer,
        council_service_id=service.pk,
        started_at=started,
        ended_at=started + datetime.timedelta(seconds=seconds),
        **fields,
    )


def rate(
    channel: str, amount: str, effective_from: datetime.date, *, client_service=None, basis=ChargeBasis.PER_CONTACT
):
    return RechargeRate.objects.create(
        channel=channel,
        amount=Decimal(amount),
        effective_from=effective_from,
        client_service=client_service,
        basis=basis,
    )


def request(service, *, received, due, resolved=None):
    raised = make_service_request(council_service=service)
    fields = {"received_at": received, "due_on": due}
    if resolved is not None:
        fields |= {"resolved_at": resolved, "status": "resolved"}
    ServiceRequest.objects.filter(pk=raised.pk).update(**fields)
    # Past resolutions are written straight to the rows, past the services that keep the facts current.
    facts_rebuild()
    return raised


@pytest.fixture
def borough(staff, client_service, other_client_service):
    """The contacts, requests and rates in the module docstring, plus ones that must never count."""
    RechargeRate.objects.all().delete()
    officer = staff[Role.OFFICER]
    bins = CouncilServiceFactory(client_service=client_service, name="Missed bin collection")
    permits = CouncilServiceFactory(client_service=other_client_service, name="Parking permit")
    site = SiteFactory()
    first, second, third, fourth = (make_customer(officer, last_name=name) for name in ("Ali", "Brown", "Cole", "Dunn"))

    rate("phone", "2.83", datetime.date(2000, 1, 1))
    rate("phone", "3.50", datetime.date(2026, 3, 16), client_service=client_service)
    rate("phone", "9.99", datetime.date(2026, 3, 1), client_service=other_client_service)
    rate("face_to_face", "8.62", datetime.date(2000, 1, 1))
    rate("email", "0.50", datetime.date(2000, 1, 1), basis=ChargeBasis.PER_MINUTE)

    contact(officer, bins, at(3, 2, 10), 240, customer_id=first.pk)
    contact(officer, bins, at(3, 2, 15), 300, customer_id=first.pk)
    contact(officer, bins, at(3, 20, 10), 360, customer_id=second.pk)
    contact(officer, bins, at(3, 31, 23, 30), 150)
    contact(officer, bins, at(3, 5, 11), 600, channel="face_to_face", site_id=site.pk, customer_id=third.pk)
    contact(officer, bins, at(3, 25, 15), 900, channel="face_to_face", site_id=site.pk, customer_id=fourth.pk)
    contact(officer, bins, at(3, 10, 9), 127, channel="email")
    contact(officer, bins, at(3, 11, 9), 200, channel="email")
    # Never counted: the evening before March, the first minutes of April (still 31 March in UTC), parking's.
    contact(officer, bins, at(2, 28, 23, 30), 500)
    contact(officer, bins, at(4, 1, 0, 30), 500)
    contact(officer, permits, at(3, 10, 10), 500)

    request(bins, received=at(3, 3, 9), due=datetime.date(2026, 3, 5), resolved=at(3, 5, 15))
    request(bins, received=at(3, 4, 9), due=datetime.date(2026, 3, 6), resolved=at(3, 9, 10))
    request(bins, received=at(2, 20, 9), due=datetime.date(2026, 2, 24), resolved=at(3, 2, 10))
    request(bins, received=at(3, 25, 9), due=datetime.date(2026, 3, 27))
    request(bins, received=at(3, 27, 9), due=datetime.date(2026, 3, 31))
    request(bins, received=at(3, 30, 9), due=datetime.date(2026, 4, 1))
    request(bins, received=at(3, 10, 9), due=datetime.date(2026, 3, 12), resolved=at(4, 2, 10))
    request(bins, received=at(4, 2, 9), due=datetime.date(2026, 4, 6))
    request(permits, received=at(3, 10, 9), due=datetime.date(2026, 3, 12))
    return client_service


def test_contacts_by_channel_match_the_hand_count(borough):
    statement = statement_build(client_service=borough, month=MARCH)
    rows = {f.channel: (f.contacts, f.identified, f.repeats, f.seconds, f.average_seconds) for f in statement.channels}
    assert rows == {
        "phone": (4, 3, 1, 1050, 263),
        "face_to_face": (2, 2, 0, 1500, 750),
        "email": (2, 0, 0, 327, 164),
    }
    assert [f.channel for f in statement.channels] == ["phone", "face_to_face", "email"]
    total = statement.total
    assert (total.contacts, total.identified, total.repeats, total.seconds, total.average_seconds) == (
        8,
        5,
        1,
        2877,
        360,
    )
    assert (total.repeat_percent, total.repeat_percent_of_all) == (Decimal("20.0"), Decimal("12.5"))
    phone = statement.channels[0]
    assert (phone.repeat_percent, phone.repeat_percent_of_all) == (Decimal("33.3"), Decimal("25.0"))
    email = statement.channels[-1]
    assert (email.repeat_percent, email.repeat_percent_of_all) == (None, Decimal("0.0"))


def test_service_requests_match_the_hand_count(borough):
    requests = statement_build(client_service=borough, month=MARCH).requests
    # Received in March: six of waste's (not February's, April's or parking's). Resolved in March: three, one
    # on time. Open at the end of 31 March and past due: due 27 and 31 March, and one resolved only in April.
    assert (requests.received, requests.resolved, requests.resolved_within_sla, requests.open_overdue) == (6, 3, 1, 3)
    assert requests.within_sla_percent == Decimal("33.3")
    assert requests.target_percent == Decimal("95")
    assert requests.target_met is False


def test_the_target_is_the_client_services_own(borough):
    borough.target_sla_percent = Decimal("30")
    borough.save()
    assert statement_build(client_service=borough, month=MARCH).requests.target_met is True


def test_a_rate_change_mid_month_splits_the_recharge(borough):
    statement = statement_build(client_service=borough, month=MARCH)
    lines = [
        (line.channel, line.applies_from.day, line.applies_to.day, line.contacts, line.rate.amount, line.amount)
        for line in statement.recharge
    ]
    assert lines == [
        ("phone", 1, 15, 2, Decimal("2.83"), Decimal("5.66")),
        ("phone", 16, 31, 2, Decimal("3.50"), Decimal("7.00")),
        ("face_to_face", 1, 31, 2, Decimal("8.62"), Decimal("17.24")),
        ("email", 1, 31, 2, Decimal("0.50"), Decimal("2.73")),
    ]
    assert statement.recharge_total == Decimal("32.63")


def test_per_minute_lines_charge_total_minutes_rounded_half_up(borough):
    email = statement_build(client_service=borough, month=MARCH).recharge[-1]
    # 327 seconds is 5.45 minutes; 5.45 x £0.50 = £2.725, which half-even rounding would make £2.72.
    assert (email.seconds, email.minutes, email.quantity, email.amount) == (
        327,
        Decimal("5.45"),
        Decimal("5.45"),
        Decimal("2.73"),
    )


def test_another_client_service_sees_only_its_own(borough, other_client_service):
    statement = statement_build(client_service=other_client_service, month=MARCH)
    assert (statement.total.contacts, statement.total.seconds) == (1, 500)
    assert [(line.rate.amount, line.amount) for line in statement.recharge] == [(Decimal("9.99"), Decimal("9.99"))]
    assert (statement.requests.received, statement.requests.open_overdue) == (1, 1)


def test_neighbouring_months_count_their_own_edges(borough):
    february = statement_build(client_service=borough, month=Month(2026, 2))
    april = statement_build(client_service=borough, month=Month(2026, 4))
    assert (february.total.contacts, april.total.contacts) == (1, 1)
    assert february.requests.open_overdue == 1  # received 20 February, due 24 February, resolved 2 March


def test_a_channel_without_a_rate_is_charged_nothing_and_named(borough):
    RechargeRate.objects.filter(channel="email").delete()
    statement = statement_build(client_service=borough, month=MARCH)
    assert statement.unpriced == ["Email"]
    assert statement.recharge[-1].amount == Decimal("0.00")
    assert statement.recharge_total == Decimal("29.90")


def test_the_default_rates_are_seeded():
    phone = RechargeRate.objects.get(channel="phone", client_service=None)
    assert (phone.amount, phone.basis) == (Decimal("2.83"), ChargeBasis.PER_CONTACT)
    assert "illustrative" in phone.source


def test_one_default_rate_per_channel_and_day():
    rate("webchat", "1.00", datetime.date(2026, 1, 1))
    with pytest.raises(IntegrityError):
        rate("webchat", "2.00", datetime.date(2026, 1, 1))


def statement_url(code: str = "waste", month: str = "2026-03") -> str:
    return reverse("performance:statement", kwargs={"code": code, "month": month})


def test_the_page_shows_the_statement(borough, staff, client_for):
    response = client_for(staff[Role.HEAD_OF_SERVICE]).get(statement_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Waste and recycling: statement for March 2026" in page
    for figure in ("32.63", "5.66", "7.00", "17.24", "2.73", "4:23", "12:30", "33.3", "Not met"):
        assert figure in page


def _expected(table) -> list[list[str]]:
    return [table.header_names, *[[str(cell) for cell in row] for row in table.rows]]


def test_csv_downloads_equal_the_tables(borough, staff, client_for):
    tables = statement_tables(statement_build(client_service=borough, month=MARCH), disclosure=EXACT)
    head = client_for(staff[Role.HEAD_OF_SERVICE])
    for table in tables:
        response = head.get(statement_url(), {"format": "csv", "table": table.slug})
        assert response["Content-Type"].startswith("text/csv")
        assert list(csv.reader(io.StringIO(response.content.decode()))) == _expected(table)
    recharge = tables[-1]
    assert recharge.rows[-1] == ["Total", "", "", "", "", 8, "", Decimal("32.63")]


def test_the_xlsx_download_holds_every_table(borough, staff, client_for):
    tables = statement_tables(statement_build(client_service=borough, month=MARCH), disclosure=EXACT)
    response = client_for(staff[Role.HEAD_OF_SERVICE]).get(statement_url(), {"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [table.title for table in tables]
    for table in tables:
        assert sheet_values(book[table.title]) == sheet_expected(table)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.OFFICER, 403),
        (Role.CLIENT_SERVICE_OFFICER, 403),
        (Role.COUNCILLOR, 200),
        (Role.TEAM_MANAGER, 200),
        (Role.HEAD_OF_SERVICE, 200),
    ],
)
def test_statements_are_for_those_who_read_reports(borough, staff, client_for, role, status):
    viewer = client_for(staff[role])
    assert viewer.get(statement_url()).status_code == status
    assert viewer.get(reverse("performance:statements")).status_code == status


def test_signed_out_visitors_are_sent_to_sign_in(client, borough):
    assert client.get(statement_url()).status_code == 302


@pytest.mark.parametrize(
    ("code", "month"),
    [
        ("waste", "2026-13"),
        ("waste", "2026-00"),
        ("waste", "2026-3"),
        ("waste", "march"),
        ("waste", "1999-12"),
        ("waste", "2999-01"),
        ("no-such-service", "2026-03"),
    ],
)
def test_bad_addresses_are_not_found(borough, staff, client_for, code, month):
    response = client_for(staff[Role.HEAD_OF_SERVICE]).get(statement_url(code, month))
    assert response.status_code == 404


def test_month_parse_rejects_months_not_yet_begun():
    assert month_parse("2026-03") == MARCH
    assert month_parse("2100-01") is None


def test_the_list_links_each_service_and_chooses_a_statement(borough, staff, client_for):
    head = client_for(staff[Role.HEAD_OF_SERVICE])
    page = head.get(reverse("performance:statements")).content.decode()
    assert "Waste and recycling" in page and "Parking services" in page
    month = Month(2026, 3).previous()
    chosen = head.get(reverse("performance:statements"), {"client_service": "waste", "month": month.slug})
    assert chosen.status_code == 302
    assert chosen["Location"] == statement_url(month="2026-02")


def test_the_months_go_back_to_the_first_contact_on_record_however_long_ago(borough, staff, client_for):
    # Years after the borough's first contact (28 February 2026), its months are still there to choose.
    with time_machine.travel(datetime.datetime(2030, 1, 15, 12, tzinfo=LONDON), tick=False):
        page = client_for(staff[Role.HEAD_OF_SERVICE]).get(reverse("performance:statements")).content.decode()
    months = re.findall(r'<option value="(\d{4}-\d{2})"', page)
    assert months[0] == "2030-01" and months[-1] == "2026-02"
    assert len(months) == 4 * 12 == len(set(months))


def test_before_the_first_contact_only_this_month_is_offered(staff, client_for):
    with time_machine.travel(datetime.datetime(2027, 3, 31, 23, 30, tzinfo=LONDON), tick=False):
        page = client_for(staff[Role.HEAD_OF_SERVICE]).get(reverse("performance:statements")).content.decode()
    assert re.findall(r'<option value="(\d{4}-\d{2})"', page) == ["2027-03"]


def test_a_bad_choice_shows_the_errors_and_keeps_the_input(borough, staff, client_for):
    response = client_for(staff[Role.HEAD_OF_SERVICE]).get(
        reverse("performance:statements"), {"client_service": "waste", "month": "2026-99"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Select a month" in page
    assert '<option value="waste" selected>' in page


def test_administrators_manage_the_rates(staff, client_for):
    admin = client_for(staff[Role.ADMINISTRATOR])
    assert admin.get(reverse("admin:performance_rechargerate_changelist")).status_code == 200
    assert (
        client_for(staff[Role.HEAD_OF_SERVICE]).get(reverse("admin:performance_rechargerate_changelist")).status_code
        == 302
    )
