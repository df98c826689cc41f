from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "servicefirst.complaints"
    label = "complaints"
    verbose_name = "Complaints, compliments and comments"
