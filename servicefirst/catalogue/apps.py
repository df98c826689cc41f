from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "servicefirst.catalogue"
    label = "catalogue"
    verbose_name = "Service catalogue"
