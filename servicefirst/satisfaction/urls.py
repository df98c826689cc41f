from django.urls import path

from servicefirst.satisfaction import views

app_name = "satisfaction"

urlpatterns = [
    path("contacts/", views.contact_lookup, name="record_lookup"),
    path("contacts/<int:contact_id>/", views.record, name="record"),
    path("kiosks/", views.kiosks, name="kiosks"),
    path("kiosks/start/", views.kiosk_start, name="kiosk_start"),
    path("kiosks/<int:device_id>/revoke/", views.kiosk_revoke, name="kiosk_revoke"),
    path("results/", views.results, name="results"),
    path("results/answers/", views.results_answers, name="results_answers"),
]
