from django.urls import path, re_path

from servicefirst.complaints import views

app_name = "complaints"

urlpatterns = [
    path("new/", views.record, name="record"),
    path("caseload/", views.caseload, name="caseload"),
    # Only a reference's shape, so other pages of the app (the reports) may sit beside it in any order.
    re_path(r"^(?P<reference>[A-Za-z]{3}-\d{4}-\d{6})/$", views.detail, name="detail"),
]
