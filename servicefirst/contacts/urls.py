from django.urls import path

from servicefirst.contacts import views, views_referrals, views_reports

app_name = "contacts"

urlpatterns = [
    path("log/", views.log, name="log"),
    path("log/customers/", views.log_customers, name="log_customers"),
    path("log/open-items/", views.log_open_items, name="log_open_items"),
    path("<int:pk>/", views.detail, name="detail"),
    path("actions/", views.my_actions, name="my_actions"),
    path("actions/team/", views.team_actions, name="team_actions"),
    path("actions/<int:pk>/complete/", views.action_complete, name="action_complete"),
    path("referrals/", views_referrals.referrals, name="referrals"),
    path("referrals/authorise/", views_referrals.referrals_to_authorise, name="referrals_to_authorise"),
    path("referrals/<int:pk>/", views_referrals.referral_decide, name="referral_decide"),
    path("reports/contacts/", views_reports.contacts, name="contacts_report"),
    path("reports/actions/", views_reports.actions, name="actions_report"),
    path("reports/referrals/", views_reports.referral_reasons, name="referrals_report"),
]
