"""The site's own pages, in the `core` namespace. The start page (core:start, at /) is
owned by applications (applications/views_start.py); config/urls.py adds it to this
namespace so core imports nothing above it."""

from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
]
