from django.urls import path

from servicefirst.mysteryshopping import views

app_name = "mysteryshopping"

urlpatterns = [
    path("shops/", views.shops, name="shops"),
    path("shops/schedule/", views.schedule, name="schedule"),
    path("shops/<int:pk>/", views.shop, name="shop"),
    path("shops/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("results/", views.results_sites, name="results_sites"),
    path("results/standards/", views.results_standards, name="results_standards"),
]
