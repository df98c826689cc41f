from django.core.management.base import BaseCommand, CommandError

from servicefirst.core.csvimport import CsvImportError, csv_file_read
from servicefirst.organisation.imports import IMPORTERS


class Command(BaseCommand):
    help = "Load directorates, client services, sites or site closures from a CSV file (see docs/IMPORTS.md)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("path")

    def handle(self, *args, kind: str, path: str, **options) -> None:
        try:
            result = IMPORTERS[kind](stream=csv_file_read(path=path))
        except CsvImportError as exc:
            raise CommandError(f"Nothing was imported from {path}:\n{exc.summary()}") from None
        self.stdout.write(self.style.SUCCESS(f"Imported {kind} from {path}: {result}."))
