from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from servicefirst.accounts.scopes import ALL_SCOPES
from servicefirst.accounts.services import api_token_create


class Command(BaseCommand):
    help = (
        "Creates an API token for a staff user and prints its key once. It does only what its scopes say and its "
        "user's role allows, and expires."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="What will use the token")
        parser.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            required=True,
            help=f"What it may do; repeat for more. One of: {', '.join(ALL_SCOPES)}",
        )
        parser.add_argument("--days", type=int, default=None, help="How long it lasts (API_TOKEN_DAYS by default)")

    def handle(self, *args, username: str, name: str, scopes: list[str], days: int | None, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user called {username!r}") from None
        try:
            token, key = api_token_create(user=user, name=name, scopes=scopes, days=days)
        except ValidationError as error:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())) from None
        self.stdout.write(f"Token {token.name!r} for {username}: {key}")
        self.stdout.write(f"Scopes: {', '.join(token.scopes)}. Expires {token.expires_at:%-d %B %Y %H:%M} UTC.")
        self.stdout.write("Keep it safe: it cannot be shown again.")
