from django.core.management.base import BaseCommand, CommandError

from servicefirst.signin.management.commands._actor import administrator_get
from servicefirst.signin.services import lockout_clear


class Command(BaseCommand):
    help = "Unlocks an account or an address locked out after too many failed sign-ins; recorded in the audit log."

    def add_arguments(self, parser):
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--account", help="The username to unlock")
        what.add_argument("--address", help="The client address to unlock")
        parser.add_argument("--by", required=True, help="Your username: the administrator unlocking it")

    def handle(self, *args, account: str | None, address: str | None, by: str, **options):
        actor = administrator_get(by)
        kind, value = ("username", account) if account else ("ip_address", address)
        if not value:
            raise CommandError("Name the account or address to unlock")
        removed = lockout_clear(actor=actor, kind=kind, value=value, via="command")
        self.stdout.write(f"Unlocked {value} ({removed} records of failures removed).")
