from django.urls import path

from servicefirst.signin import views

app_name = "signin"

urlpatterns = [
    path("second-factor/", views.second_factor_verify_page, name="verify"),
    path("second-factor/set-up/", views.second_factor_enrol_page, name="enrol"),
    path("second-factor/recovery-codes/", views.recovery_codes_page, name="recovery_codes"),
    path("account/", views.account_page, name="account"),
    path("account/password/", views.password_change_page, name="password_change"),
    path("sign-in-lockouts/", views.lockouts_page, name="lockouts"),
    path("sign-in-lockouts/unlock/", views.unlock, name="unlock"),
]
