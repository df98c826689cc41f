"""The records a contact names (its service, codes, contact point and site), checked on every contact logged.

They change a few times a year while contacts are logged several times a second, so each list is kept in
the cache for a minute and forgotten whenever one of its records is saved or deleted. An id missing from
the cached list is looked up before it is refused, so a record added a moment ago in another process is
accepted at once. With a cache per process (no REDIS_URL), a record deactivated in another process may
still be accepted for up to a minute.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

_SECONDS = 60


@dataclass(frozen=True)
class _Watched:
    column: str
    active_only: bool


_watched: dict[type[Model], _Watched] = {}


def _key(model: type[Model]) -> str:
    return f"contacts:references:{model._meta.label_lower}"


def _rows(model: type[Model]):
    watched = _watched[model]
    rows = model.objects.filter(is_active=True) if watched.active_only else model.objects.all()
    return rows.order_by().values_list("pk", watched.column)


def reference_values(wanted: dict[type[Model], int]) -> dict[type[Model], object]:
    """For each model, the watched column of the record with that id if it exists (and is active, where only
    active ones count), else None. The lists come from the cache in one round trip."""
    keys = {model: _key(model) for model in wanted}
    tables = cache.get_many(keys.values())
    values: dict[type[Model], object] = {}
    for model, pk in wanted.items():
        table = tables.get(keys[model])
        if table is None:
            table = dict(_rows(model))
            cache.set(keys[model], table, _SECONDS)
        if pk in table:
            values[model] = table[pk]
        else:
            row = _rows(model).filter(pk=pk).first()
            values[model] = row[1] if row else None
    return values


def _forget(sender: type[Model], **kwargs) -> None:
    # Again once committed: another process may have cached the list as it was before the change committed.
    key = _key(sender)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def references_watch(label: str, *, column: str = "pk", active_only: bool = False) -> None:
    """Declares a list that contacts check, and forgets it whenever one of its records changes; at start-up."""
    model = apps.get_model(label)
    _watched[model] = _Watched(column=column, active_only=active_only)
    post_save.connect(_forget, sender=model, dispatch_uid=f"{_key(model)}:save")
    post_delete.connect(_forget, sender=model, dispatch_uid=f"{_key(model)}:delete")
