from django.urls import path

from scoring.assess import views as views_assess

urlpatterns = [
    path("", views_assess.queue, name="queue"),
    path("bids/<int:bid_pk>/", views_assess.score, name="score"),
    path("moderation/", views_assess.dashboard, name="moderation"),
    path("moderation/bids/<int:bid_pk>/", views_assess.moderate_bid, name="moderate_bid"),
    path(
        "moderation/bids/<int:bid_pk>/criteria/<int:criterion_pk>/",
        views_assess.moderate_criterion,
        name="moderate_criterion",
    ),
    path(
        "moderation/bids/<int:bid_pk>/assessments/<int:assessment_pk>/return/",
        views_assess.return_assessment,
        name="return_assessment",
    ),
]
