from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("retry/", views.retry, name="retry"),
    path("<int:pk>/", views.message, name="message"),
]
