from django.core.management.base import BaseCommand

from servicefirst.demo.second_factor import demo_totp_code


class Command(BaseCommand):
    help = "Prints the code the demo's authenticator app would show now, for signing in to the demo as head or admin."

    def handle(self, *args, **options):
        self.stdout.write(demo_totp_code())
