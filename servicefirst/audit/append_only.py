"""The database's own refusal to change or remove an audit event, so that no code path (the ORM, the admin, a
script, someone at a SQL prompt) can rewrite what was seen.

The one exception is retention: `services.audit_events_prune` marks, inside its own transaction, the moment
before which rows may go (PostgreSQL: a transaction-local setting; SQLite: a row in a one-row table it empties
again before committing), and the DELETE triggers let through only rows older than that mark.

Limits: whoever can run arbitrary SQL as the table's owner can drop these triggers, or set the mark themselves;
the triggers stop mistakes and the application's own code paths, not a database administrator. Keep the
database's owner role away from people and processes that do not need it, and keep backups.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
# PostgreSQL: the setting holding the cut-off (SQLite holds it in the table audit_retention_cutoff).
RETENTION_SETTING = "servicefirst.audit_retention_before"

_SQLITE_INSTALL = [
    "CREATE TABLE IF NOT EXISTS audit_retention_cutoff (id INTEGER PRIMARY KEY CHECK (id = 1), cutoff TEXT NOT NULL)",
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END""",
    # Datetimes are stored as ISO text in UTC on SQLite, so the text comparison is the time comparison.
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_auditevent
        WHEN NOT EXISTS (SELECT 1 FROM audit_retention_cutoff WHERE OLD.at < cutoff)
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END""",
]
_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TABLE IF EXISTS audit_retention_cutoff",
]

_POSTGRESQL_INSTALL = [
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        cutoff text := current_setting('servicefirst.audit_retention_before', true);
    BEGIN
        IF TG_OP = 'DELETE' AND coalesce(cutoff, '') <> '' AND OLD.at < cutoff::timestamptz THEN
            RETURN OLD;
        END IF;
        -- TRUNCATE fires no row trigger; an empty table loses nothing by it (the test suite's flush does this).
        IF TG_OP = 'TRUNCATE' AND NOT EXISTS (SELECT 1 FROM audit_auditevent) THEN
            RETURN NULL;
        END IF;
        RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
    END
    $$""",
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent",
    """CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""",
]
_POSTGRESQL_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent",
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
]

_STATEMENTS = {
    "sqlite": (_SQLITE_INSTALL, _SQLITE_REMOVE),
    "postgresql": (_POSTGRESQL_INSTALL, _POSTGRESQL_REMOVE),
}


def _run(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def triggers_install(connection: BaseDatabaseWrapper) -> None:
    """Creates the triggers where they are missing; safe to run again."""
    if connection.vendor not in _STATEMENTS:
        raise NotImplementedError(f"no append-only triggers for {connection.vendor}")
    _run(connection, _STATEMENTS[connection.vendor][0])


def triggers_remove(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor in _STATEMENTS:
        _run(connection, _STATEMENTS[connection.vendor][1])


def triggers_present(connection: BaseDatabaseWrapper) -> bool:
    """Whether both triggers exist. On SQLite a migration that rebuilds the table (most AlterFields do) drops its
    triggers with the old table; `apps.AuditConfig` installs them again after every migrate."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
        else:
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [TABLE])
        return cursor.fetchone()[0] >= 2
