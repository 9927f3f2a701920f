from scoring.urls_assess import urlpatterns as assess_patterns
from scoring.urls_select import urlpatterns as select_patterns
from scoring.urls_setup import urlpatterns as setup_patterns

app_name = "scoring"

urlpatterns = setup_patterns + assess_patterns + select_patterns
