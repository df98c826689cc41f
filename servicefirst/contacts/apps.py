from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "servicefirst.contacts"
    label = "contacts"
    verbose_name = "Contacts"

    def ready(self) -> None:
        from servicefirst.contacts.services import CHECKED_LOOKUPS

        for lookup in CHECKED_LOOKUPS:
            lookup.watch()
