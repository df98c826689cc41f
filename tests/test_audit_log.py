"""The audit log: append-only in the database for everyone, retention the one deletion it allows, and the
administrators' page that filters and exports it."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from servicefirst.accounts.roles import Role
from servicefirst.audit.models import AuditEvent
from servicefirst.audit.services import AuditAction, audit_events_prune, audit_record

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
