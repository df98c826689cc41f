"""Generates a whole demo borough's year: structure, customers, contacts and what follows from them.

For speed this BYPASSES THE PER-ROW SERVICES (`customer_create`, `contact_log`, `service_request_raise`,
the satisfaction and complaints services): at full scale it writes about two million rows, which the
services, one transaction and several queries a row, could not do in ten minutes. Rows go in with explicit
ids (COPY on PostgreSQL, executemany on SQLite), and the generator keeps the invariants the services keep:

- customers: search keys and sort name from `customers.services.customer_search_keys_set`; every 500th customer's
  details go through the services' `_clean` and must come back unchanged; one primary home address each,
  and the "Record created" history entry `customer_create` writes;
- contacts: ids in order of start time; `is_repeat`/`repeat_of` by `contact_log`'s rule (the latest
  inbound contact by the same customer about the same service within CONTACT_REPEAT_WINDOW_DAYS);
  avoidable contacts carry a reason; failed contacts may have no service; face-to-face ones a site open
  that day; a referred contact has its sent referral;
- service requests: one per contact whose outcome raised one, numbered SR-YYYY-NNNNNN in order of receipt
  with the year's reference sequence (`core.references`) left at the last number; `due_on` from
  `service_request_due_on`;
  a history of events following `ALLOWED_TRANSITIONS`, the version counting the changes;
- satisfaction: at most one answer per contact, a reason exactly when dissatisfied;
- complaints: CMP-YYYY-NNNNNN references with their sequences, stage-1 deadlines from
  `complaints.deadlines` and the corporate rule, the events the services record for each step and a
  version counting them.
Nothing written happens at or after the moment the command runs: a year still under way is generated up to
that moment (its contacts are the plan's for the days that have passed), and a past year as it stood at its end.
Not written: audit events (who created which record), ombudsman cases, stage-2 escalations.
The structure itself (organisation, catalogue, staff) does go through the import commands and services.
"""

import datetime
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from servicefirst.complaints.models import Complaint, ComplaintEvent, ComplaintStage
from servicefirst.contacts.models import Contact, Referral
from servicefirst.core.references import reference_sequence_set
from servicefirst.customers.models import Address, Customer, CustomerChange, EmailAddress, PhoneNumber
from servicefirst.demo.borough import activity
from servicefirst.demo.borough.followups import FollowUps, complaints_rows
from servicefirst.demo.borough.people import Pools, check_against_services, customer_rows
from servicefirst.demo.borough.structure import structure_load
from servicefirst.demo.borough.volumes import complaints_planned
from servicefirst.performance.services_facts import facts_rebuild
from servicefirst.satisfaction.models import SurveyResponse
from servicefirst.servicerequests.models import REFERENCE_PREFIX, ServiceRequest, ServiceRequestEvent

CUSTOMERS_AT_FULL_SCALE = 250_000
BATCH = 20_000
CHECK_EVERY = 500
CONTACT_COLUMNS = [
    "id",
    "channel",
    "direction",
    "customer_id",
    "council_service_id",
    "reason",
    "officer_id",
    "contact_point_id",
    "site_id",
    "started_at",
    "ended_at",
    "outcome",
    "wrap_up_code_id",
    "is_avoidable",
    "avoidable_reason_id",
    "is_repeat",
    "assisted_digital",
    "repeat_of_id",
    "created_at",
]


class BoroughRefused(Exception):
    """The borough cannot be generated: the database is not empty, or the year has not begun."""


@dataclass
class Totals:
    customers: int = 0
    contacts_by_channel: dict[str, int] = field(default_factory=dict)
    contacts_by_outcome: dict[str, int] = field(default_factory=dict)
    end: datetime.datetime | None = None  # what the borough was generated up to: its year's end, or now
    identified: int = 0
    repeats: int = 0
    avoidable: int = 0
    requests: int = 0
    requests_on_time: int = 0
    referrals: int = 0
    surveys: int = 0
    satisfied: int = 0
    complaints_by_year: dict[int, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _converters(model, columns) -> list:
    """Per column, what turns a Python value into what the database stores (None: stored as is)."""
    ops, out = connection.ops, []
    by_name = {f.attname: f for f in model._meta.concrete_fields}
    for name in columns:
        f = by_name[name]
        if isinstance(f, models.DateTimeField):
            out.append(ops.adapt_datetimefield_value)
        elif isinstance(f, models.DateField):
            out.append(ops.adapt_datefield_value)
        elif isinstance(f, models.JSONField):
            out.append(lambda v, f=f: f.get_db_prep_save(v, connection))
        else:
            out.append(None)
    return out


def rows_insert(model, columns: list[str], rows) -> int:
    """Inserts rows (tuples in `columns` order, ids included) in batches; every column but generated ones."""
    expected = {f.attname for f in model._meta.concrete_fields if not f.generated}
    if set(columns) != expected:
        raise RuntimeError(f"{model.__name__} has columns {sorted(expected)}: update the borough generator")
    convert = list(enumerate(c for c in _converters(model, columns)))
    convert = [(i, c) for i, c in convert if c is not None]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            values = []
            for row in rows[start : start + BATCH]:
                row = list(row)
                for i, c in convert:
                    if row[i] is not None:
                        row[i] = c(row[i])
                values.append(row)
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608  names from the model
                cursor.executemany(sql, values)
            count += len(values)
    return count


def dicts_insert(model, rows: list[dict]) -> int:
    if not rows:
        return 0
    columns = list(rows[0])
    return rows_insert(model, columns, [tuple(r[c] for c in columns) for r in rows])


def _customers(count: int, seed: int, year: int, officers: list[int]) -> dict[str, int]:
    pools = Pools()
    rng = random.Random(seed - 1)
    made = {"customers": [], "addresses": [], "phones": [], "emails": [], "changes": []}
    first = datetime.datetime(year - 6, 1, 1, tzinfo=activity.UTC)
    for pk in range(1, count + 1):
        created = first + datetime.timedelta(minutes=rng.randrange(6 * 365 * 24 * 60))
        customer, address, phones, emails, typed = customer_rows(pk=pk, rng=rng, pools=pools, created_at=created)
        if pk % CHECK_EVERY == 1:
            check_against_services(customer, address, phones, emails, typed)
        customer["created_by_id"] = officer = rng.choice(officers)
        made["customers"].append(customer)
        made["changes"].append(
            {"id": pk, "customer_id": pk, "at": created, "by_id": officer, "summary": "Record created", "fields": []}
        )
        made["addresses"].append(address | {"id": pk})
        made["phones"] += [p | {"id": len(made["phones"]) + 1} for p in phones]
        made["emails"] += [e | {"id": len(made["emails"]) + 1} for e in emails]
    return {
        "customers": dicts_insert(Customer, made["customers"]),
        "addresses": dicts_insert(Address, made["addresses"]),
        "phones": dicts_insert(PhoneNumber, made["phones"]),
        "emails": dicts_insert(EmailAddress, made["emails"]),
        "customer_changes": dicts_insert(CustomerChange, made["changes"]),
    }


def generation_end(*, year: int, now: datetime.datetime) -> datetime.datetime:
    """The moment a borough's `year` is generated up to: the year's end (London time), or now while the year is
    still under way, so that nothing is dated in the future. A year not yet begun is refused."""
    if datetime.datetime(year, 1, 1, tzinfo=activity.LONDON) > now:
        raise BoroughRefused(f"{year} has not begun: choose {timezone.localdate(now).year} or an earlier year.")
    return min(now, datetime.datetime(year + 1, 1, 1, tzinfo=activity.LONDON).astimezone(activity.UTC))


def borough_generate(*, year: int, scale: float, seed: int, log=print) -> Totals:
    """Writes the borough into the configured database, which must hold no customers, contacts, requests or
    complaints yet; all in one transaction, so a failed run leaves nothing behind."""
    now = timezone.now()
    end = generation_end(year=year, now=now)
    # Explicit ids and reference numbers from 1 are only right in an empty database; this also keeps a
    # second run from doubling the first.
    if any(model.objects.exists() for model in (Customer, Contact, ServiceRequest, Complaint)):
        raise BoroughRefused(
            "The database already holds customers, contacts, requests or complaints: generate into a freshly "
            "migrated database."
        )
    totals, started = Totals(end=end), time.perf_counter()

    def lap(name: str) -> None:
        totals.seconds[name] = round(time.perf_counter() - started - sum(totals.seconds.values()), 1)
        log(f"  {name}: {totals.seconds[name]:.1f} s")

    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size=-500000")
        borough = structure_load(seed=seed, year=year)
        lap("structure")
        customers = max(1, round(CUSTOMERS_AT_FULL_SCALE * scale))
        totals.rows |= _customers(customers, seed, year, borough.officers)
        totals.customers = customers
        lap("customers")
        contacts = activity.ContactMaker(
            borough=borough, year=year, scale=scale, seed=seed, customers=customers, now=now
        ).contacts()
        follow = FollowUps(borough=borough, year=year, seed=seed, end=end)
        for row in contacts:
            follow.add(row)
        follow.finish()
        lap("contacts planned")
        totals.rows["contacts"] = rows_insert(Contact, CONTACT_COLUMNS, contacts)
        totals.rows["referrals"] = dicts_insert(Referral, follow.referrals)
        totals.rows["service_requests"] = dicts_insert(ServiceRequest, follow.requests)
        totals.rows["service_request_events"] = dicts_insert(ServiceRequestEvent, follow.events)
        totals.rows["survey_responses"] = dicts_insert(SurveyResponse, follow.surveys)
        if follow.requests:
            reference_sequence_set(prefix=REFERENCE_PREFIX, year=year, last=len(follow.requests))
        complaints, stages, complaint_events, sequences = complaints_rows(
            borough=borough,
            planned=complaints_planned(year, scale),
            customers=customers,
            seed=seed,
            end=end,
        )
        totals.rows["complaints"] = dicts_insert(Complaint, complaints)
        totals.rows["complaint_stages"] = dicts_insert(ComplaintStage, stages)
        totals.rows["complaint_events"] = dicts_insert(ComplaintEvent, complaint_events)
        for sequence_year, last in sequences.items():
            reference_sequence_set(prefix="CMP", year=sequence_year, last=last)
        tables = [Customer, Address, PhoneNumber, EmailAddress, CustomerChange, Contact, Referral, ServiceRequest]
        tables += [ServiceRequestEvent, SurveyResponse, Complaint, ComplaintStage, ComplaintEvent]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), tables):
                cursor.execute(statement)
        lap("rows written")
        # The rows went in past the services that keep the dashboard's facts current, so count them once here.
        facts = facts_rebuild()
        totals.rows["contact_day_facts"] = facts.contact_facts
        totals.rows["request_day_facts"] = facts.request_facts
        lap("performance facts")
    # PostgreSQL checks the deferred foreign keys of every row at the commit.
    lap("committed")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(m._meta.db_table for m in tables)}")
    totals.contacts_by_channel = dict(sorted(Counter(r[activity.CHANNEL] for r in contacts).items()))
    totals.contacts_by_outcome = dict(sorted(Counter(r[activity.OUTCOME] for r in contacts).items()))
    totals.identified = sum(r[activity.CUSTOMER] is not None for r in contacts)
    totals.repeats = sum(r[activity.REPEAT] for r in contacts)
    totals.avoidable = sum(r[activity.AVOIDABLE] for r in contacts)
    totals.requests = len(follow.requests)
    totals.requests_on_time = sum(
        1
        for r in follow.requests
        if r["resolved_at"] and r["resolved_at"].astimezone(activity.LONDON).date() <= r["due_on"]
    )
    totals.referrals = len(follow.referrals)
    totals.surveys = len(follow.surveys)
    totals.satisfied = sum(1 for s in follow.surveys if s["rating"] >= 4)
    totals.complaints_by_year = dict(Counter(int(c["reference"][4:8]) for c in complaints))
    lap("analysed and counted")
    return totals
