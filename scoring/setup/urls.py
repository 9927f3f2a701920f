from django.urls import path

from scoring.setup import views

urlpatterns = [
    path("setup/", views.overview, name="setup"),
    path("setup/<slug:slug>/", views.overview, name="setup_round"),
    path("setup/<slug:slug>/criteria/", views.criteria, name="setup_criteria"),
    path("setup/<slug:slug>/criteria/change/", views.criteria_edit, name="setup_criteria_edit"),
    path("setup/<slug:slug>/criteria/copy/", views.criteria_copy, name="setup_criteria_copy"),
    path("setup/<slug:slug>/criteria/reset/", views.criteria_reset, name="setup_criteria_reset"),
    path("setup/<slug:slug>/screening/", views.screening_list, name="setup_screening"),
    path("setup/<slug:slug>/screening/<int:bid_id>/", views.screen_bid, name="setup_screen_bid"),
    path("setup/<slug:slug>/assignment/", views.assignment_page, name="setup_assignment"),
    path(
        "setup/<slug:slug>/assignment/<int:bid_id>/",
        views.bid_assignment,
        name="setup_bid_assignment",
    ),
    path(
        "setup/<slug:slug>/assignment/<int:bid_id>/unassign/<int:assignment_id>/",
        views.unassign,
        name="setup_unassign",
    ),
    path("interests/", views.interests_page, name="interests"),
    path("interests/conflict/<int:bid_id>/", views.declare_conflict, name="declare_conflict"),
]
