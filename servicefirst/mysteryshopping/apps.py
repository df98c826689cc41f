from django.apps import AppConfig


class MysteryShoppingConfig(AppConfig):
    name = "servicefirst.mysteryshopping"
    label = "mysteryshopping"
    verbose_name = "Mystery shopping"
