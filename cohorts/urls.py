from django.urls import path

from cohorts import views

app_name = "cohorts"

urlpatterns = [
    path("", views.cohort_list, name="list"),
    path("manage/", views.manage_index, name="manage_index"),
    path("manage/<slug:slug>/", views.manage_round, name="manage_round"),
    path("manage/<slug:slug>/release/", views.release_decisions, name="release"),
    path("manage/<slug:slug>/emails/send/", views.send_emails, name="send_emails"),
    path("manage/<slug:slug>/emails/retry/", views.retry_emails, name="retry_emails"),
    path("manage/<slug:slug>/emails/progress/", views.email_progress, name="email_progress"),
    path("manage/<slug:slug>/emails/<str:kind>/", views.edit_template, name="edit_template"),
    path(
        "manage/<slug:slug>/emails/<str:kind>/preview/",
        views.preview_template,
        name="preview_template",
    ),
    path("manage/<slug:slug>/cohort/", views.manage_cohort, name="manage_cohort"),
    path("manage/<slug:slug>/cohort/add/", views.add_members, name="add_members"),
    path("manage/<slug:slug>/cohort/details/", views.edit_details, name="edit_details"),
    path("manage/<slug:slug>/cohort/schedule/", views.schedule, name="schedule"),
    path("manage/<slug:slug>/cohort/unschedule/", views.unschedule, name="unschedule"),
    path("manage/<slug:slug>/cohort/members/<int:pk>/note/", views.edit_note, name="edit_note"),
    path("offers/<int:pk>/", views.offer, name="offer"),
    path("<slug:slug>/", views.cohort_page, name="cohort"),
    path("<slug:slug>/announcement.pdf", views.cohort_pdf, name="pdf"),
    path("<slug:slug>/cohort.csv", views.cohort_csv, name="csv"),
    path("<slug:slug>/cohort.json", views.cohort_json, name="json"),
]
