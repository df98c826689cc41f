from django.apps import AppConfig


class ServiceRequestsConfig(AppConfig):
    name = "servicefirst.servicerequests"
    label = "servicerequests"
    verbose_name = "Service requests"
