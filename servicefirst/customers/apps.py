from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "servicefirst.customers"
    label = "customers"
    verbose_name = "Customers"
