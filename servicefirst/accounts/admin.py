"""Staff accounts, roles and API tokens are managed on the administrators' Staff pages (`servicefirst.staff`), where
every change is audited and the rules hold (a password only its owner knows, always an administrator left), so they
are not in Django's admin. Django's groups are not used: a role (`accounts.roles`) decides what each person may do."""

from django.contrib import admin
from django.contrib.auth.models import Group

if admin.site.is_registered(Group):
    admin.site.unregister(Group)
