"""Every scoring page, in one URL namespace ("scoring"): set-up and assessment under
/assess/, selection under /selection/. Old /assess/selection/ addresses redirect."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView

from scoring.assess.urls import urlpatterns as assess_patterns
from scoring.select.urls import urlpatterns as select_patterns
from scoring.setup.urls import urlpatterns as setup_patterns

app_name = "scoring"

urlpatterns = [
    # Bookmarks from before selection had its own address.
    re_path(
        r"^assess/selection/(?P<rest>.*)$",
        RedirectView.as_view(url="/selection/%(rest)s", permanent=True, query_string=True),
    ),
    path("assess/", include(setup_patterns + assess_patterns)),
    path("selection/", include(select_patterns)),
]
