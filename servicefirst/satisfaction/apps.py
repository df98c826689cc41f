from django.apps import AppConfig


class SatisfactionConfig(AppConfig):
    name = "servicefirst.satisfaction"
    label = "satisfaction"
    verbose_name = "Customer satisfaction"

    def ready(self) -> None:
        from servicefirst.contacts.followups import FollowUp, followup_register
        from servicefirst.contacts.selectors import ContactOutcome
        from servicefirst.core.registry import NavigationItem, navigation_register
        from servicefirst.notifications.personalisation import personalisation_register
        from servicefirst.satisfaction import tiles, timeline_sources  # noqa: F401  register tile and timeline
        from servicefirst.satisfaction.survey_links import survey_link_values

        navigation_register(NavigationItem("Satisfaction", "satisfaction:results", "reports.view", order=51))
        # Every contact, whatever its outcome, may end with the satisfaction question.
        for outcome in ContactOutcome.values:
            followup_register(FollowUp(outcome, "Record the customer's satisfaction", "satisfaction:record_lookup"))
        personalisation_register(survey_link_values)
