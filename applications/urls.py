from applications.urls_apply import urlpatterns as apply_patterns
from applications.urls_staff import urlpatterns as staff_patterns

app_name = "applications"

urlpatterns = apply_patterns + staff_patterns
