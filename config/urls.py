from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Leading Places administration"
admin.site.site_title = "Leading Places"
admin.site.index_title = "Programme data"

urlpatterns = [
    path("", include("core.urls")),
    path("account/", include("accounts.urls")),
    path("apply/", include("applications.urls")),
    path("assess/", include("scoring.urls")),
    path("cohorts/", include("cohorts.urls")),
    path("programme/", include("programme.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
