from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "servicefirst.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from servicefirst.core.events import customer_notifiable
        from servicefirst.core.registry import NavigationItem, navigation_register
        from servicefirst.notifications import timeline_sources  # noqa: F401  registers messages on the single view
        from servicefirst.notifications.receivers import customer_notifiable_received

        customer_notifiable.connect(customer_notifiable_received, dispatch_uid="notifications.customer_notifiable")
        navigation_register(NavigationItem("Messages", "notifications:outbox", "notification.view", order=70))
