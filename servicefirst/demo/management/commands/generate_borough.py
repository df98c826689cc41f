"""Generates a year of a whole borough's customer service (see `servicefirst.demo.borough.generate`)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from servicefirst.demo.borough.generate import BoroughRefused, borough_generate


class Command(BaseCommand):
    help = "Writes a deterministic demo borough's year (structure, customers, contacts, requests, surveys, complaints)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            help="The calendar year of contacts [last year, the last complete one]. The year under way is "
            "generated up to now.",
        )
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 is the seeds' volumes; 0.01 for tests.")
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, year: int | None, scale: float, seed: int, **options):
        if scale <= 0:
            raise CommandError("--scale must be more than 0")
        # The last complete year by default, so the borough is a whole year on 1 January as on 31 December.
        year = year or timezone.localdate().year - 1
        started = time.perf_counter()
        try:
            totals = borough_generate(year=year, scale=scale, seed=seed, log=self.stdout.write)
        except BoroughRefused as error:
            raise CommandError(str(error)) from error
        out = self.stdout.write
        up_to = timezone.localtime(totals.end)
        span = f"the whole of {year}" if up_to.year > year else f"{year} up to {up_to:%-d %B %H:%M}, now"
        out(f"Borough of {span}, at scale {scale} with seed {seed}: {totals.customers:,} customers")
        out("Contacts by channel:")
        for channel, count in totals.contacts_by_channel.items():
            out(f"  {channel:<18}{count:>10,}")
        out(f"  {'total':<18}{sum(totals.contacts_by_channel.values()):>10,}")
        out("Contacts by outcome:")
        for outcome, count in totals.contacts_by_outcome.items():
            out(f"  {outcome:<24}{count:>10,}")
        contacts = max(1, sum(totals.contacts_by_channel.values()))
        # Over the contacts with a known customer, as the dashboard counts them: anonymous ones can never repeat.
        repeat_share = totals.repeats / max(1, totals.identified)
        out(
            f"Repeat contacts {totals.repeats:,} ({repeat_share:.1%} of {totals.identified:,} with a known customer, "
            f"{totals.repeats / contacts:.1%} of all), avoidable {totals.avoidable:,}"
        )
        on_time = totals.requests_on_time / max(1, totals.requests)
        out(f"Service requests {totals.requests:,} ({on_time:.1%} resolved within SLA); referrals {totals.referrals:,}")
        satisfied = totals.satisfied / max(1, totals.surveys)
        out(f"Satisfaction answers {totals.surveys:,} ({satisfied:.1%} satisfied)")
        out("Complaints by year: " + ", ".join(f"{y}: {n:,}" for y, n in sorted(totals.complaints_by_year.items())))
        out("Rows: " + ", ".join(f"{t} {n:,}" for t, n in totals.rows.items()))
        out(f"Elapsed {time.perf_counter() - started:.1f} s")
