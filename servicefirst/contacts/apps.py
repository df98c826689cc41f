from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "servicefirst.contacts"
    label = "contacts"
    verbose_name = "Contacts"

    def ready(self) -> None:
        from servicefirst.contacts import tiles, timeline_sources  # noqa: F401  register tiles and timeline sources
        from servicefirst.contacts.references import references_watch
        from servicefirst.core.registry import NavigationItem, navigation_register
        from servicefirst.customers.timeline import CustomerAction, customer_action_register

        navigation_register(NavigationItem("Log a contact", "contacts:log", "contact.log", order=15))
        navigation_register(NavigationItem("Actions", "contacts:my_actions", "customer.view", order=16))
        navigation_register(NavigationItem("Referrals", "contacts:referrals", "clientservice.work", order=17))
        navigation_register(NavigationItem("Reports", "contacts:contacts_report", "reports.view", order=50))
        customer_action_register(
            CustomerAction("Log a contact", "contacts:log", "contact.log", customer_param="customer_id", order=10)
        )
        references_watch("catalogue.CouncilService", column="client_service_id")
        references_watch("catalogue.ContactPoint")
        references_watch("organisation.Site")
        for code_list in ("contacts.WrapUpCode", "contacts.AvoidableReason", "contacts.ReferralReason"):
            references_watch(code_list, active_only=True)
