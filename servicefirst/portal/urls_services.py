from django.urls import path

from servicefirst.portal import views_services as views

urlpatterns = [
    path("", views.home, name="home"),
    path("services/", views.search, name="search"),
    path("services/a-z/", views.a_to_z, name="a_to_z"),
    path("services/assisted/", views.assisted_start, name="assisted_start"),
    path("services/<int:code>/", views.service_detail, name="service"),
    path("services/<int:code>/request/", views.request_start, name="request_start"),
    path("services/<int:code>/request/question/<slug:key>/", views.request_question, name="request_question"),
    path("services/<int:code>/request/about-you/", views.request_about, name="request_about"),
    path("services/<int:code>/request/check-answers/", views.request_check, name="request_check"),
    path("services/<int:code>/request/confirmation/", views.request_done, name="request_done"),
]
