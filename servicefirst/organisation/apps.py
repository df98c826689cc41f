from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "servicefirst.organisation"
    label = "organisation"
    verbose_name = "Organisation"
