from django.urls import path

from servicefirst.performance import views_dashboard

urlpatterns = [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("definitions/", views_dashboard.definitions, name="definitions"),
]
