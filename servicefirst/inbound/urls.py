from django.urls import path

from servicefirst.inbound import views

app_name = "inbound"

urlpatterns = [
    path("", views.to_match, name="to_match"),
    path("<int:pk>/", views.detail, name="detail"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
]
