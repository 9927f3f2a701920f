from django.urls import path

from scoring import views_select as v

urlpatterns = [
    path("selection/", v.home, name="select_home"),
    path("selection/<slug:round_slug>/", v.ranking, name="select_ranking"),
    path("selection/<slug:round_slug>/constraints/", v.constraints, name="select_constraints"),
    path("selection/<slug:round_slug>/proposal/", v.proposal, name="select_proposal"),
    path(
        "selection/<slug:round_slug>/accept-proposed/",
        v.accept_proposed,
        name="select_accept_proposed",
    ),
    path(
        "selection/<slug:round_slug>/bids/<int:bid_pk>/decision/",
        v.decide,
        name="select_decide",
    ),
    path("selection/<slug:round_slug>/bids/<int:bid_pk>/pin/", v.pin, name="select_pin"),
    path("selection/<slug:round_slug>/bids/<int:bid_pk>/region/", v.region, name="select_region"),
    path("selection/<slug:round_slug>/bids/<int:bid_pk>/reopen/", v.reopen, name="select_reopen"),
    path("selection/<slug:round_slug>/ranking.csv", v.ranking_csv, name="select_csv"),
    path("selection/<slug:round_slug>/panel-report.pdf", v.report_pdf, name="select_pdf"),
]
