from django.urls import path

from learning import views_partnership as partnership
from learning import views_public as public
from learning import views_review as review
from learning import views_staff as staff

app_name = "learning"

COHORT = "programme/cohorts/<slug:slug>/"
REVIEW = "programme/peer-reviews/<int:pk>/"

urlpatterns = [
    # Staff: a cohort's learning and evaluation
    path(COHORT + "learning/", staff.cohort, name="cohort"),
    path(COHORT + "peer-reviews/open/", review.open_review, name="open_review"),
    path(COHORT + "key-challenges/add/", staff.add_theme, name="add_theme"),
    path(COHORT + "key-challenges/<int:theme>/remove/", staff.remove_theme, name="remove_theme"),
    path(COHORT + "lessons/lock/", staff.lock_all, name="lock_all"),
    path(COHORT + "evaluation/open/", staff.open_evaluation, name="open_evaluation"),
    path(COHORT + "report/", staff.report, name="report"),
    path(COHORT + "report/unpublish/", staff.unpublish, name="unpublish"),
    path(COHORT + "next-round/", staff.create_next_round, name="next_round"),
    path("programme/rounds/<slug:slug>/learnt/", staff.round_learnt, name="round_learnt"),
    path("programme/partnerships/<int:pk>/lessons/tags/", staff.tag_lessons, name="tag_lessons"),
    path("programme/partnerships/<int:pk>/lessons/lock/", staff.lock_lessons, name="lock_lessons"),
    # Peer review
    path(REVIEW, review.review_home, name="peer_review"),
    path(REVIEW + "close/", review.close_review, name="close_review"),
    path(REVIEW + "partnerships/<int:member>/", review.partnership, name="review_partnership"),
    path(REVIEW + "partnerships/<int:member>/pitch/", review.edit_pitch, name="pitch"),
    path(REVIEW + "partnerships/<int:member>/reviews/", review.reviews_of, name="reviews_of"),
    path("programme/peer-reviews/reviews/<int:pk>/tags/", review.tag_review, name="tag_review"),
    # A partnership's lessons and evaluation
    path("programme/partnerships/<int:pk>/lessons/", partnership.lessons, name="lessons"),
    path("programme/partnerships/<int:pk>/evaluation/", partnership.evaluation, name="evaluation"),
    # Public
    path("reports/", public.report_list, name="report_list"),
    path("reports/<slug:slug>/", public.report_page, name="public_report"),
    path("reports/<slug:slug>/report.pdf", public.report_pdf, name="public_report_pdf"),
]
