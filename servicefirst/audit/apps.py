from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "servicefirst.audit"
    label = "audit"
    verbose_name = "Audit log"
