from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "servicefirst.contacts"
    label = "contacts"
    verbose_name = "Contacts"

    def ready(self) -> None:
        from servicefirst.contacts.references import references_watch

        references_watch("catalogue.CouncilService", column="client_service_id")
        references_watch("catalogue.ContactPoint")
        references_watch("organisation.Site")
        for code_list in ("contacts.WrapUpCode", "contacts.AvoidableReason", "contacts.ReferralReason"):
            references_watch(code_list, active_only=True)
