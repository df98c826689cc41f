"""Pages residents reach without signing in: the survey link sent to them and the kiosk at a site."""

from django.urls import path

from servicefirst.satisfaction import views_public

app_name = "satisfaction_public"

urlpatterns = [
    path("kiosk/", views_public.kiosk, name="kiosk"),
    path("survey/thanks/", views_public.survey_thanks, name="survey_thanks"),
    path("survey/<str:token>/", views_public.survey, name="survey"),
]
