"""Counts the dashboard's daily facts again from every contact, answer and resolved request."""

import time

from django.core.management.base import BaseCommand

from servicefirst.performance.services_facts import facts_rebuild


class Command(BaseCommand):
    help = (
        "Rebuilds the performance figures' daily facts from the contacts, answers and service requests. Needed "
        "only after rows were loaded in bulk, past the services that keep the facts current."
    )

    def _progress(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def handle(self, *args, **options):
        started = time.perf_counter()
        totals = facts_rebuild(log=self._progress)
        self.stdout.write(
            f"Counted {totals.contacts:,} contacts, {totals.answers:,} answers and {totals.resolutions:,} resolved "
            f"requests into {totals.contact_facts:,} contact and {totals.request_facts:,} request fact rows "
            f"in {time.perf_counter() - started:.1f} s"
        )
