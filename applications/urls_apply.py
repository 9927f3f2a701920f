from django.urls import path

from applications import views_apply as views
from applications.wizard import BidWizard

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("start/", views.start_bid, name="start_bid"),
    path("<int:pk>/", views.overview, name="bid_overview"),
    path("<int:pk>/section/<str:step>/", BidWizard.as_bid_view(), name="bid_step"),
    path("<int:pk>/cannot-apply/", views.ineligible, name="bid_ineligible"),
    path("<int:pk>/check-answers/", views.check_answers, name="bid_check"),
    path("<int:pk>/submit/", views.submit, name="bid_submit"),
    path("<int:pk>/submitted/", views.confirmation, name="bid_confirmation"),
    path("<int:pk>/reopen/", views.reopen, name="bid_reopen"),
    path("<int:pk>/withdraw/", views.withdraw, name="bid_withdraw"),
    path("<int:pk>/withdrawn/", views.withdrawn, name="bid_withdrawn"),
    path("<int:pk>/team/", views.team, name="bid_team"),
    path("<int:pk>/submissions/<int:version>/pdf/", views.submission_pdf, name="submission_pdf"),
    path("invitations/<str:token>/", views.accept_invitation, name="bid_invitation"),
]
