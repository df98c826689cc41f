"""django-otp registers its devices in the admin, where an administrator could set another person's key and so
hold their second factor, unaudited. Devices are set up only by their owner (Your account) and removed only by the
audited `second_factor_reset`, so they are taken out of the admin."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
