import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from servicefirst.notifications.delivery import messages_delivery_refresh


class Command(BaseCommand):
    help = "Record which sent messages were delivered or failed, as GOV.UK Notify reports. Run it every few minutes."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=7, help="How far back to ask about (Notify keeps 7 days).")

    def handle(self, *args, days: int, **options) -> None:
        changed = messages_delivery_refresh(since=timezone.now() - datetime.timedelta(days=days))
        self.stdout.write(self.style.SUCCESS(f"{changed} message{'s' if changed != 1 else ''} updated."))
