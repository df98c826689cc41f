"""The few statements written by hand, for the writes run on every contact logged.

Composing these through the ORM on each call cost more CPU than PostgreSQL spent answering them
(bench/README.md, "contact API"), so each is composed once per model, shape and database from the models'
own names (a renamed column cannot be missed) and run with parameters. Everything else uses the ORM.
They run inside the caller's transaction.
"""

import functools
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Model
from django.db.models.signals import post_save, pre_save


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: type[Model]) -> str:
    return _quote(model._meta.db_table)


def _column(model: type[Model], name: str) -> str:
    return _quote(model._meta.get_field(name).column)


@functools.cache
def _insert_sql(model: type[Model], columns: tuple[str, ...], vendor: str) -> str:
    names = ", ".join(map(_quote, columns))
    marks = ", ".join(["%s"] * len(columns))
    pk = _quote(model._meta.pk.column)
    return f"INSERT INTO {_table(model)} ({names}) VALUES ({marks}) RETURNING {pk}"  # noqa: S608  names from the model


def row_insert(instance: Model) -> None:
    """Saves a new record with one INSERT, as `save()` would: defaults, `auto_now_add` and signals included."""
    model, alias = type(instance), connection.alias
    pre_save.send(sender=model, instance=instance, raw=False, using=alias, update_fields=None)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    params = [f.get_db_prep_save(f.pre_save(instance, add=True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(model, tuple(f.column for f in fields), connection.vendor), params)
        instance.pk = cursor.fetchone()[0]
    instance._state.adding, instance._state.db = False, alias
    post_save.send(sender=model, instance=instance, created=True, raw=False, using=alias, update_fields=None)


@functools.cache
def _lock_sql(model: type[Model], vendor: str) -> str:
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    return f"SELECT 1 FROM {_table(model)} WHERE {_quote(model._meta.pk.column)} = %s{lock}"  # noqa: S608  names from the model


def row_lock(*, model: type[Model], pk: object) -> bool:
    """Locks one row until the transaction ends (SQLite locks the whole database for a writer anyway); False
    when there is no such row."""
    with connection.cursor() as cursor:
        cursor.execute(_lock_sql(model, connection.vendor), [pk])
        return cursor.fetchone() is not None


@functools.cache
def _neighbours_sql(model: type[Model], equal: tuple[str, ...], moment: str, vendor: str) -> str:
    pk, at, table = _quote(model._meta.pk.column), _column(model, moment), _table(model)
    same = " AND ".join(f"{_column(model, name)} = %s" for name in equal)
    before = (
        f"SELECT {pk} FROM {table} WHERE {same} AND {at} >= %s AND {at} <= %s ORDER BY {at} DESC, {pk} DESC LIMIT 1"  # noqa: S608  names from the model
    )
    after = f"SELECT {pk} FROM {table} WHERE {same} AND {at} > %s AND {at} < %s ORDER BY {at}, {pk} LIMIT 1"  # noqa: S608  names from the model
    # Each side in a subquery of its own: SQLite allows ORDER BY and LIMIT only there in a compound query.
    return f"SELECT 0, b.{pk} FROM ({before}) AS b UNION ALL SELECT 1, a.{pk} FROM ({after}) AS a"  # noqa: S608  names from the model


def row_neighbours(
    *, model: type[Model], equal: dict[str, object], moment: str, since: object, at: object, until: object
) -> tuple[object | None, object | None]:
    """In one statement, the ids of two rows with these field values: the latest whose `moment` falls from
    `since` to `at` (both included; the later id first on a tie), and the earliest after `at` and before
    `until` (the earlier id first on a tie); None for either when there is none."""
    names = tuple(equal)
    prepared = [model._meta.get_field(name).get_db_prep_value(equal[name], connection) for name in names]
    field = model._meta.get_field(moment)
    since, at, until = (field.get_db_prep_value(value, connection) for value in (since, at, until))
    with connection.cursor() as cursor:
        cursor.execute(
            _neighbours_sql(model, names, moment, connection.vendor), [*prepared, since, at, *prepared, at, until]
        )
        found = dict(cursor.fetchall())
    return found.get(0), found.get(1)


@dataclass(frozen=True)
class CountsAdded:
    """Amounts to add to the counters of one row, found by the columns of its unique key; the row is made when
    it does not exist yet. A counter not named in `added` adds 0."""

    model: type[Model]
    key: tuple[str, ...]
    counts: tuple[str, ...]
    row: tuple
    added: dict[str, int] = field(default_factory=dict)

    @property
    def params(self) -> list:
        return [*self.row, *(self.added.get(c, 0) for c in self.counts)]


@functools.cache
def _upsert_sql(model: type[Model], key: tuple[str, ...], counts: tuple[str, ...], vendor: str) -> str:
    table = _table(model)
    columns = ", ".join(map(_quote, (*key, *counts)))
    marks = ", ".join(["%s"] * (len(key) + len(counts)))
    added = ", ".join(f"{_quote(c)} = {table}.{_quote(c)} + EXCLUDED.{_quote(c)}" for c in counts)
    conflict = f"ON CONFLICT ({', '.join(map(_quote, key))}) DO UPDATE SET {added}"
    return f"INSERT INTO {table} ({columns}) VALUES ({marks}) {conflict}"  # noqa: S608  names from the model


@functools.cache
def _chained_sql(shapes: tuple[tuple[type[Model], tuple[str, ...], tuple[str, ...]], ...], vendor: str) -> str:
    *first, last = (_upsert_sql(*shape, vendor) for shape in shapes)
    steps = ", ".join(f"step_{n} AS ({sql})" for n, sql in enumerate(first))
    return f"WITH {steps} {last}"


def counts_add(*rows: CountsAdded) -> None:
    """Adds to counters in the database, never writing back a value read earlier, so two writers adding to the
    same row at once both count. PostgreSQL runs upserts inside WITH, so several rows take one round trip there."""
    if connection.vendor == "postgresql" and len(rows) > 1:
        sql = _chained_sql(tuple((r.model, r.key, r.counts) for r in rows), connection.vendor)
        with connection.cursor() as cursor:
            cursor.execute(sql, [param for r in rows for param in r.params])
        return
    with connection.cursor() as cursor:
        for r in rows:
            cursor.execute(_upsert_sql(r.model, r.key, r.counts, connection.vendor), r.params)
