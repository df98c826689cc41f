from django.urls import path

from servicefirst.organisation import views

app_name = "organisation"

urlpatterns = [
    path("", views.index, name="index"),
    path("client-services/<int:pk>/", views.client_service_detail, name="client_service"),
    path("sites/", views.sites, name="sites"),
    path("sites/<int:pk>/", views.site_detail, name="site"),
]
