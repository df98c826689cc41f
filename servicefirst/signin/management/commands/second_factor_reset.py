from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from servicefirst.signin.management.commands._actor import administrator_get
from servicefirst.signin.services import second_factor_remove


class Command(BaseCommand):
    help = (
        "Removes a person's authenticator app and recovery codes (a lost phone, no codes left) so they set up a new "
        "one when they next sign in; recorded in the audit log. Check who is asking before you do this."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--by", required=True, help="Your username: the administrator resetting it")

    def handle(self, *args, username: str, by: str, **options):
        actor = administrator_get(by)
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}")
        second_factor_remove(actor=actor, user=user, via="command")
        self.stdout.write(f"{username} sets up a new authenticator app at their next sign-in.")
