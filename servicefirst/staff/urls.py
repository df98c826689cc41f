from django.urls import path

from servicefirst.staff import views

app_name = "staff"

urlpatterns = [
    path("people/", views.staff_list, name="list"),
    path("people/new/", views.staff_add, name="add"),
    path("people/<int:user_id>/", views.staff_member, name="member"),
    path("people/<int:user_id>/role/", views.staff_role, name="role"),
    path("people/<int:user_id>/active/", views.staff_active, name="active"),
    path("people/<int:user_id>/password-reset/", views.staff_password_reset, name="password_reset"),
    path("people/<int:user_id>/unlock/", views.staff_unlock, name="unlock"),
    path("people/<int:user_id>/second-factor-reset/", views.staff_second_factor_reset, name="second_factor_reset"),
    path("people/<int:user_id>/tokens/new/", views.staff_token_new, name="token_new"),
    path("people/<int:user_id>/tokens/<int:token_id>/revoke/", views.staff_token_revoke_page, name="token_revoke"),
    path("set-password/<uidb64>/<token>/", views.set_password, name="set_password"),
]
