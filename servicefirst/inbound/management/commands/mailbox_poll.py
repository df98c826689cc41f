from django.core.management.base import BaseCommand, CommandError

from servicefirst.inbound.services import mailboxes_poll


class Command(BaseCommand):
    help = (
        "Read the council's active mailboxes into email contacts. Run it from cron or a scheduler every few "
        "minutes (for example `*/5 * * * * manage.py mailbox_poll`); reading again never duplicates a message."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--mailbox", default="", help="Read only the mailbox with this name.")

    def handle(self, *args, mailbox: str, **options) -> None:
        counts = mailboxes_poll(name=mailbox)
        if mailbox and not counts:
            raise CommandError(f"No active mailbox is named {mailbox!r}")
        for name, count in counts.items():
            self.stdout.write(self.style.SUCCESS(f"{name}: {count} new message{'s' if count != 1 else ''}"))
