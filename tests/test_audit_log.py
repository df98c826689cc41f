"""The audit log: append-only in the database for everyone, retention the one deletion it allows, and the
administrators' page that filters and exports it."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import IntegrityError, connection, transaction

from servicefirst.accounts.roles import Role
from servicefirst.audit import append_only
from servicefirst.audit.models import AuditEvent
from servicefirst.audit.services import AuditAction, audit_events_prune, audit_record, records_list_audit

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _event(actor, *, at: datetime.datetime, record_id="1", action=AuditAction.VIEWED, **fields) -> AuditEvent:
    with time_machine.travel(at, tick=False):
        return audit_record(actor=actor, action=action, record_type="customer", record_id=record_id, **fields)


@pytest.fixture
def event(staff):
    return audit_record(
        actor=staff[Role.OFFICER], action=AuditAction.VIEWED, record_type="customer", record_id=1, record_label="C-1"
    )


def _refused(statement) -> None:
    # Inside a savepoint: on PostgreSQL the refusal aborts the transaction it happens in.
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        statement()


def test_an_event_cannot_be_changed_through_the_orm(event):
    event.record_label = "C-2"
    _refused(event.save)
    _refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(record_label="C-2"))
    assert AuditEvent.objects.get(pk=event.pk).record_label == "C-1"


def test_an_event_cannot_be_deleted_through_the_orm(event):
    _refused(event.delete)
    _refused(AuditEvent.objects.all().delete)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_an_event_cannot_be_changed_or_deleted_in_sql(event):
    def run(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])

    _refused(lambda: run("UPDATE audit_auditevent SET record_label = 'C-2' WHERE id = %s"))
    _refused(lambda: run("DELETE FROM audit_auditevent WHERE id = %s"))
    assert AuditEvent.objects.get(pk=event.pk).record_label == "C-1"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_the_log_cannot_be_truncated_while_it_holds_events(event):
    def truncate():
        with connection.cursor() as cursor:
            # The insert's deferred foreign-key check would otherwise stop TRUNCATE before the trigger is asked.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE audit_auditevent CASCADE")

    _refused(truncate)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_an_old_event_is_still_refused_outside_the_retention_command(staff):
    old = _event(staff[Role.OFFICER], at=datetime.datetime(2001, 1, 1, tzinfo=UTC))
    _refused(old.delete)


def test_retention_deletes_only_what_is_older_than_the_period(staff, settings, capsys):
    settings.AUDIT_RETENTION_DAYS = 30
    officer = staff[Role.OFFICER]
    now = datetime.datetime(2027, 6, 15, 12, 0, tzinfo=UTC)
    gone = _event(officer, at=now - datetime.timedelta(days=30, seconds=1))
    kept_at_the_edge = _event(officer, at=now - datetime.timedelta(days=30))
    kept = _event(officer, at=now - datetime.timedelta(days=1))
    with time_machine.travel(now, tick=False):
        call_command("audit_prune", "--dry-run")
        assert "1 audit event from before 2027-05-16 12:00 UTC would be deleted" in capsys.readouterr().out
        assert AuditEvent.objects.count() == 3
        call_command("audit_prune")
        assert "1 audit event from before 2027-05-16 12:00 UTC deleted (kept for 30 days)" in capsys.readouterr().out
    assert set(AuditEvent.objects.values_list("pk", flat=True)) == {kept_at_the_edge.pk, kept.pk}
    assert not AuditEvent.objects.filter(pk=gone.pk).exists()
    # The cut-off lasted only as long as the deletion: the kept rows are as protected as before.
    _refused(kept_at_the_edge.delete)


def test_retention_inside_a_longer_transaction_leaves_nothing_else_deletable(staff):
    officer = staff[Role.OFFICER]
    old = _event(officer, at=datetime.datetime(2001, 1, 1, tzinfo=UTC))
    older = _event(officer, at=datetime.datetime(2000, 1, 1, tzinfo=UTC))
    with transaction.atomic():
        assert audit_events_prune(before=datetime.datetime(2000, 6, 1, tzinfo=UTC)) == 1
        _refused(old.delete)
    assert not AuditEvent.objects.filter(pk=older.pk).exists()


LOG = "/staff/audit/"


@pytest.fixture
def log(staff):
    """Events by two officers on either side of the clocks going back (Sunday 25 October 2026, London)."""
    officer, manager = staff[Role.OFFICER], staff[Role.TEAM_MANAGER]
    return {
        "before": _event(officer, at=datetime.datetime(2026, 10, 24, 22, 30, tzinfo=UTC), record_label="C-000001"),
        # 23:30 UTC on the 24th is 00:30 on the 25th in London (BST): the 25th's first event.
        "midnight": _event(manager, at=datetime.datetime(2026, 10, 24, 23, 30, tzinfo=UTC), record_id="2"),
        "listed": _event(
            manager,
            at=datetime.datetime(2026, 10, 26, 9, 0, tzinfo=UTC),
            action=AuditAction.LISTED,
            record_id="",
            shown=3,
        ),
    }


def test_only_administrators_read_the_log(staff, client_for):
    assert client_for(staff[Role.ADMINISTRATOR]).get(LOG).status_code == 200
    assert client_for(staff[Role.HEAD_OF_SERVICE]).get(LOG).status_code == 403


def test_the_log_filters_by_person_action_and_london_day(log, staff, client_for):
    client = client_for(staff[Role.ADMINISTRATOR])
    by_person = client.get(LOG, {"person": "officer"}).context["page"]
    assert [e.pk for e in by_person] == [log["before"].pk]
    listed = client.get(LOG, {"action": "listed", "person": "team_manager"}).context["page"]
    assert [e.pk for e in listed] == [log["listed"].pk]
    day = {"date_from_day": "25", "date_from_month": "10", "date_from_year": "2026"}
    day |= {"date_to_day": "25", "date_to_month": "10", "date_to_year": "2026"}
    on_the_25th = client.get(LOG, day).context["page"]
    assert [e.pk for e in on_the_25th] == [log["midnight"].pk]


def test_the_log_filters_by_record_including_the_lists_that_showed_it(staff, client_for):
    # Ids far above any a test database reaches, so the log page's own events (listing audit ids) never match.
    officer = staff[Role.OFFICER]
    viewed = audit_record(
        actor=officer, action=AuditAction.VIEWED, record_type="customer", record_id=987015, record_label="C-987015"
    )
    listed = records_list_audit(
        viewer=officer, record_type="customer", ids=[7, 987015, 9870150], query="Smith", searched=True
    )
    other = records_list_audit(viewer=officer, record_type="customer", ids=[9870150, 98701500])
    complaint = audit_record(actor=officer, action=AuditAction.VIEWED, record_type="complaint", record_id=987015)
    client = client_for(staff[Role.ADMINISTRATOR])

    def found(**params) -> set[int]:
        return {event.pk for event in client.get(LOG, params).context["page"]}

    assert found(record="C-987015") == {viewed.pk, listed.pk}
    assert found(record="987015", record_type="customer") == {viewed.pk, listed.pk}
    assert found(record="987015") == {viewed.pk, listed.pk, complaint.pk}
    assert found(record="98701500") == {other.pk}


def test_a_wrong_date_is_shown_in_the_error_summary(log, staff, client_for):
    response = client_for(staff[Role.ADMINISTRATOR]).get(
        LOG, {"date_from_day": "31", "date_from_month": "2", "date_from_year": "2026"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "From must be a real date" in page


def test_each_page_of_the_log_is_itself_recorded(log, staff, client_for):
    admin = staff[Role.ADMINISTRATOR]
    client_for(admin).get(LOG, {"person": "team_manager"})
    event = AuditEvent.objects.latest("pk")
    assert (event.actor, event.action, event.record_type, event.query) == (
        admin,
        AuditAction.LISTED,
        "audit_event",
        "person=team_manager",
    )
    assert event.record_ids == f",{log['listed'].pk},{log['midnight'].pk},"


def test_the_filtered_log_is_exported_as_csv_and_the_export_recorded(log, staff, client_for):
    admin = staff[Role.ADMINISTRATOR]
    response = client_for(admin).get(LOG, {"person": "team_manager", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("When (UK time),Username,Name,Action")
    assert [line.split(",")[3] for line in lines[1:]] == ["Listed", "Viewed"]
    # London time, with its offset: 23:30 UTC on 24 October 2026 was 00:30 BST on the 25th.
    assert lines[2].startswith("2026-10-25T00:30:00+01:00,team_manager,")
    event = AuditEvent.objects.latest("pk")
    assert (event.actor, event.action, event.record_type, event.shown, event.query) == (
        admin,
        AuditAction.EXPORTED,
        "audit_event",
        2,
        "person=team_manager",
    )


def test_triggers_a_table_rebuild_dropped_are_put_back_after_migrate(event):
    # On SQLite most AlterFields rebuild the table, and the old table's triggers go with it.
    with connection.cursor() as cursor:
        on_table = " ON audit_auditevent" if connection.vendor == "postgresql" else ""
        name = "audit_event_append_only" if connection.vendor == "postgresql" else "audit_event_no_delete"
        cursor.execute(f"DROP TRIGGER {name}{on_table}")
    assert not append_only.triggers_present(connection)
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    assert append_only.triggers_present(connection)
    _refused(event.delete)
