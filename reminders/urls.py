from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("<slug:slug>/", views.round_page, name="round"),
    path("<slug:slug>/deadline/", views.move_deadline, name="move_deadline"),
    path("<slug:slug>/schedule/", views.change_schedule, name="schedule"),
    path("<slug:slug>/emails/<str:kind>/", views.edit_template, name="edit_template"),
]
