import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from servicefirst.audit.services import audit_events_prune


class Command(BaseCommand):
    help = (
        "Delete audit events older than AUDIT_RETENTION_DAYS, the only deletion the audit table allows. Run it "
        "daily from cron or a scheduler (for example `15 2 * * * manage.py audit_prune`)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Say how many would be deleted; delete none.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        before = timezone.now() - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)
        count = audit_events_prune(before=before, dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(
            f"{count} audit event{'s' if count != 1 else ''} from before {before:%Y-%m-%d %H:%M} UTC {verb} "
            f"(kept for {settings.AUDIT_RETENTION_DAYS} days)"
        )
