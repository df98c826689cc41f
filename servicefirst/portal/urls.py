"""The residents' site at `/`: finding services and requesting them (`urls_services`), and tracking requests,
complaints, compliments, feedback and the optional account (`urls_residents`)."""

from django.urls import include, path

app_name = "portal"

urlpatterns = [
    path("", include("servicefirst.portal.urls_services")),
    path("", include("servicefirst.portal.urls_residents")),
]
