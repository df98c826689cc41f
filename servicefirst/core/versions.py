"""Optimistic versions: a record two people may edit at once carries a `version` that every saved change
raises by one. A change sent with the version its author saw is refused once the record has moved on, so
nobody saves over a change they never saw; the author is told and keeps what they typed.

The writer locks the row first (`select_for_update`), then checks, then saves with `version_save`.
"""

from django.db.models import Model


class StaleVersion(Exception):
    """The record changed since the person loaded it, so their change was not saved."""

    def __init__(self, record: Model) -> None:
        label = getattr(record, "reference", None) or str(record)
        super().__init__(f"{label} was changed by someone else since you loaded it, so your change was not saved")
        self.record = record
        self.version: int = record.version


def version_check(*, record: Model, version: int | None) -> None:
    """Refuses the change when the author saw an older version; without a version there is nothing to check."""
    if version is not None and record.version != version:
        raise StaleVersion(record)


def version_save(*, record: Model, fields: tuple[str, ...] | list[str]) -> None:
    """Saves the changed fields and the next version (and `updated_at`, where the record keeps one)."""
    record.version += 1
    stamped = ["updated_at"] if any(f.name == "updated_at" for f in record._meta.concrete_fields) else []
    record.save(update_fields=[*fields, "version", *stamped])
