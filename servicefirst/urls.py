from django.contrib import admin
from django.urls import include, path, re_path

from servicefirst.api import api, path_unknown
from servicefirst.core.views import health
from servicefirst.signin.views import admin_sign_in

admin.site.site_header = "Service First administration"
admin.site.site_title = "Service First"

urlpatterns = [
    path("healthz", health, name="health"),
    path("", include("servicefirst.satisfaction.urls_public")),
    path("staff/", include("servicefirst.core.urls")),
    path("staff/", include("servicefirst.accounts.urls")),
    path("staff/", include("servicefirst.signin.urls")),
    path("staff/", include("servicefirst.staff.urls")),
    path("staff/customers/", include("servicefirst.customers.urls")),
    path("staff/contacts/", include("servicefirst.contacts.urls")),
    path("staff/requests/", include("servicefirst.servicerequests.urls")),
    path("staff/notifications/", include("servicefirst.notifications.urls")),
    path("staff/satisfaction/", include("servicefirst.satisfaction.urls")),
    path("staff/complaints/reports/", include("servicefirst.complaints.urls_reports")),
    path("staff/complaints/", include("servicefirst.complaints.urls")),
    path("staff/mystery-shopping/", include("servicefirst.mysteryshopping.urls")),
    path("staff/catalogue/", include("servicefirst.catalogue.urls")),
    path("staff/organisation/", include("servicefirst.organisation.urls")),
    path("staff/audit/", include("servicefirst.audit.urls")),
    path("staff/inbound/", include("servicefirst.inbound.urls")),
    path("staff/performance/", include("servicefirst.performance.urls")),
    # Before the admin's own: one sign-in, with its lockout and second factor, for the staff pages and the admin.
    path("staff/admin/login/", admin_sign_in),
    path("staff/admin/", admin.site.urls),
    path("api/", api.urls),
    re_path(r"^api/(?P<path>.*)$", path_unknown),
    path("open311/v2/", include("servicefirst.open311.urls")),
    # The residents' site last, so its pages never shadow the staff, API or Open311 addresses.
    path("", include("servicefirst.portal.urls")),
]

handler403 = "servicefirst.core.views.permission_denied"
handler404 = "servicefirst.core.views.page_not_found"
handler500 = "servicefirst.core.views.server_error"
