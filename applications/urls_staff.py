from django.urls import path

from applications import views_staff

urlpatterns = [
    path("staff/bids/", views_staff.current_bids, name="staff_bids_current"),
    path("staff/rounds/<slug:slug>/bids/", views_staff.bid_list, name="staff_bids"),
    path("staff/rounds/<slug:slug>/bids.csv", views_staff.bid_csv, name="staff_bids_csv"),
    path("staff/bids/<int:pk>/", views_staff.bid_detail, name="staff_bid"),
    path("staff/organisations/", views_staff.organisation_list, name="staff_organisations"),
    path(
        "staff/organisations/<int:pk>/reviewed/",
        views_staff.organisation_reviewed,
        name="staff_organisation_reviewed",
    ),
    path(
        "staff/organisations/<int:pk>/merge/",
        views_staff.organisation_merge,
        name="staff_organisation_merge",
    ),
]
