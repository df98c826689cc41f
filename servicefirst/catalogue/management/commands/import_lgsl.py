from django.core.management.base import BaseCommand, CommandError

from servicefirst.catalogue.imports import lgsl_import
from servicefirst.core.csvimport import CsvImportError, csv_file_read


class Command(BaseCommand):
    help = (
        "Load the Local Government Services List from the esd CSV download (Identifier, Label, Description) "
        "or a code,name[,description] CSV. Running it again updates names and descriptions."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")

    def handle(self, *args, path: str, **options) -> None:
        try:
            result = lgsl_import(stream=csv_file_read(path=path))
        except CsvImportError as exc:
            raise CommandError(f"Nothing was imported from {path}:\n{exc.summary()}") from None
        self.stdout.write(self.style.SUCCESS(f"Imported the LGSL from {path}: {result}."))
