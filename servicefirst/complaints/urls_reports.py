from django.urls import path

from servicefirst.complaints import views_reports

app_name = "complaints_reports"

urlpatterns = [
    path("", views_reports.reports, name="index"),
    path("annual/", views_reports.annual, name="annual"),
    path("annual/pdf/", views_reports.annual_pdf, name="annual_pdf"),
]
