from django.urls import path

from servicefirst.servicerequests import views

app_name = "servicerequests"

urlpatterns = [
    path("new/", views.raise_request, name="raise"),
    path("queue/", views.queue, name="queue"),
    path("<str:reference>/", views.detail, name="detail"),
]
