from django.contrib import admin
from django.urls import include, path

from applications.views_start import start
from core import urls as core_urls
from notifications.views import healthz

admin.site.site_header = "Leading Places administration"
admin.site.site_title = "Leading Places"
admin.site.index_title = "Programme data"

# The `core` namespace: the start page (owned by applications) and the site's own pages.
site_patterns = [path("", start, name="start"), *core_urls.urlpatterns]

urlpatterns = [
    path("", include((site_patterns, core_urls.app_name))),
    path("account/", include("accounts.urls")),
    path("apply/", include("applications.urls")),
    path("", include("scoring.urls")),  # /assess/ and /selection/
    path("cohorts/", include("cohorts.urls")),
    path("outbox/", include("notifications.urls")),
    path("reminders/", include("reminders.urls")),
    path("healthz", healthz, name="healthz"),
    path("programme/", include("programme.urls")),
    path("", include("learning.urls")),  # /programme/.../learning, /reports/
    path("admin/", admin.site.urls),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
