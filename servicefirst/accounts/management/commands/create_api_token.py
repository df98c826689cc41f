from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from servicefirst.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Creates an API token for a staff user and prints its key once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="What will use the token")

    def handle(self, *args, username: str, name: str, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user called {username!r}") from None
        token, key = api_token_create(user=user, name=name)
        self.stdout.write(f"Token {token.name!r} for {username}: {key}")
        self.stdout.write("Keep it safe: it cannot be shown again.")
