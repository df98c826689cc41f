"""Performance reporting: the KPI dashboard (`urls_dashboard`) and client service statements (`urls_statements`)."""

from django.urls import include, path

app_name = "performance"

urlpatterns = [
    path("", include("servicefirst.performance.urls_dashboard")),
    path("statements/", include("servicefirst.performance.urls_statements")),
]
