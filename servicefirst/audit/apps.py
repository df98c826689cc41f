from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _append_only_keep(sender, using: str = "default", **kwargs) -> None:
    # Migration 0004 creates the triggers; a later migration that rebuilds the table on SQLite drops them with
    # the old table, so they are put back after every migrate.
    from servicefirst.audit import append_only

    connection = connections[using]
    if append_only.TABLE in connection.introspection.table_names() and not append_only.triggers_present(connection):
        append_only.triggers_install(connection)


class AuditConfig(AppConfig):
    name = "servicefirst.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        post_migrate.connect(_append_only_keep, sender=self, dispatch_uid="audit-append-only")
