from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "servicefirst.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from servicefirst.core.events import customer_notifiable
        from servicefirst.notifications.receivers import customer_notifiable_received

        customer_notifiable.connect(customer_notifiable_received, dispatch_uid="notifications.customer_notifiable")
