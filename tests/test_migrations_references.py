"""Upgrading moves each app's numbering into the shared sequence, so no reference is ever given out twice."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("servicerequests", "0007_queue_and_counts_one_index"), ("complaints", "0003_dashboard_count_indexes")]
AFTER = [("servicerequests", "0008_reference_sequence_to_core"), ("complaints", "0004_reference_sequence_to_core")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_numbering_carries_on_after_the_upgrade_and_back():
    old = _migrate(BEFORE)
    old.get_model("servicerequests", "ReferenceSequence").objects.create(year=2026, last=812)
    complaints = old.get_model("complaints", "ReferenceSequence")
    complaints.objects.create(prefix="CMP", year=2026, last=45)
    complaints.objects.create(prefix="CPL", year=2025, last=7)
    try:
        new = _migrate(AFTER)
        shared = new.get_model("core", "ReferenceSequence").objects
        assert sorted(shared.values_list("prefix", "year", "last")) == [
            ("CMP", 2026, 45),
            ("CPL", 2025, 7),
            ("SR", 2026, 812),
        ]
        back = _migrate(BEFORE)
        assert back.get_model("servicerequests", "ReferenceSequence").objects.get(year=2026).last == 812
        assert back.get_model("complaints", "ReferenceSequence").objects.get(prefix="CMP").last == 45
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
