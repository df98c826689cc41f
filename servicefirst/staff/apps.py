from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "servicefirst.staff"
    label = "staff"
    verbose_name = "Staff management"
