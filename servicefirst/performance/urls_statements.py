from django.urls import path, re_path

from servicefirst.performance import views_statements

urlpatterns = [
    path("", views_statements.statement_list, name="statements"),
    re_path(r"^(?P<code>[-a-zA-Z0-9_]+)/(?P<month>[^/]+)/$", views_statements.statement_detail, name="statement"),
]
