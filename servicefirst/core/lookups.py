"""Short lists written a few times a year and read on every contact logged: the catalogue's services, contact
points, sites and each app's codes. The app that owns a list declares it as a `Lookup` in its selectors; an
app that checks ids against it watches it at start-up and asks `lookup_values` for all it needs at once.

Each list is kept in the cache for a minute and forgotten whenever one of its records is saved or deleted. An
id missing from the cached list is looked up before it is refused, so a record added a moment ago in another
process is accepted at once. With a cache per process (no REDIS_URL), a record deactivated in another process
may still be accepted for up to a minute.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

_SECONDS = 60


@dataclass(frozen=True)
class Lookup:
    """Ids of `model` to their `column` (the id itself by default), only the active ones where `active_only`."""

    model: type[Model]
    column: str = "pk"
    active_only: bool = False

    @property
    def key(self) -> str:
        return f"lookups:{self.model._meta.label_lower}:{self.column}"

    def rows(self):
        rows = self.model.objects.filter(is_active=True) if self.active_only else self.model.objects.all()
        return rows.order_by().values_list("pk", self.column)

    def watch(self) -> None:
        """Forgets the cached list whenever one of its records changes; at start-up."""
        post_save.connect(self._forget, sender=self.model, dispatch_uid=f"{self.key}:save")
        post_delete.connect(self._forget, sender=self.model, dispatch_uid=f"{self.key}:delete")

    def _forget(self, sender: type[Model], **kwargs) -> None:
        # Again once committed: another process may have cached the list as it was before the change committed.
        key = self.key
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))


def lookup_values(wanted: dict[Lookup, int]) -> dict[Lookup, object]:
    """For each lookup, the column of the record with that id if it exists (and is active, where only active
    ones count), else None. The lists come from the cache in one round trip."""
    tables = cache.get_many([lookup.key for lookup in wanted])
    values: dict[Lookup, object] = {}
    for lookup, pk in wanted.items():
        table = tables.get(lookup.key)
        if table is None:
            table = dict(lookup.rows())
            cache.set(lookup.key, table, _SECONDS)
        if pk in table:
            values[lookup] = table[pk]
        else:
            row = lookup.rows().filter(pk=pk).first()
            values[lookup] = row[1] if row else None
    return values
