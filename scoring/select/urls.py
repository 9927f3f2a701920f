"""The selection pages, under /selection/ (see scoring/urls.py)."""

from django.urls import path

from scoring.select import exports
from scoring.select import views as v

urlpatterns = [
    path("", v.home, name="select_home"),
    path("<slug:round_slug>/", v.ranking, name="select_ranking"),
    path("<slug:round_slug>/constraints/", v.constraints, name="select_constraints"),
    path("<slug:round_slug>/proposal/", v.proposal, name="select_proposal"),
    path("<slug:round_slug>/accept-proposed/", v.accept_proposed, name="select_accept_proposed"),
    path("<slug:round_slug>/bids/<int:bid_pk>/decision/", v.decide, name="select_decide"),
    path("<slug:round_slug>/bids/<int:bid_pk>/pin/", v.pin, name="select_pin"),
    path("<slug:round_slug>/bids/<int:bid_pk>/region/", v.region, name="select_region"),
    path("<slug:round_slug>/bids/<int:bid_pk>/reopen/", v.reopen, name="select_reopen"),
    path("<slug:round_slug>/ranking.csv", exports.ranking_csv, name="select_csv"),
    path("<slug:round_slug>/panel-report.pdf", exports.report_pdf, name="select_pdf"),
]
