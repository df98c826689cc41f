from django.urls import path

from servicefirst.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.index, name="index"),
    path("services/<int:pk>/", views.service_detail, name="service"),
]
