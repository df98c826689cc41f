"""Tracking, complaints, compliments, feedback and the optional account. Names are `portal:<name>`."""

from django.urls import path

from servicefirst.portal import views_account, views_residents

_STEP_PATHS = {"about": "", "what": "what-happened/", "details": "your-details/"}

urlpatterns = [
    path("track/", views_residents.track, name="track"),
    path("account/sign-in/", views_account.sign_in, name="account_sign_in"),
    path("account/sign-in/sent/", views_account.sign_in_sent, name="account_sign_in_sent"),
    path("account/sign-in/<str:token>/", views_account.sign_in_link, name="account_sign_in_link"),
    path("account/", views_account.account, name="account"),
    path("account/sign-out/", views_account.sign_out, name="account_sign_out"),
    path("account/<str:reference>/", views_account.account_record, name="account_record"),
]

for _slug in views_residents.JOURNEYS:
    urlpatterns += [
        path(
            f"{_slug}/{segment}",
            views_residents.feedback_step,
            {"slug": _slug, "step": step},
            name=views_residents.step_url_name(_slug, step).removeprefix("portal:"),
        )
        for step, segment in _STEP_PATHS.items()
    ]
    urlpatterns += [
        path(f"{_slug}/check/", views_residents.feedback_check, {"slug": _slug}, name=f"{_slug}_check"),
        path(f"{_slug}/done/", views_residents.feedback_done, {"slug": _slug}, name=f"{_slug}_done"),
    ]
