"""Emails of learning and evaluation, through the one outbox
(notifications.outbox.queue_email), exactly once: each key names what the email is about
and the address. Call these inside the transaction of the change; the worker sends after
commit. Recipients are the programme's (programme.notices.recipients: everyone on the bid,
anyone given access to the space, the challenge team's lead contact)."""

from django.conf import settings
from django.urls import reverse

from programme.notices import recipients

REVIEW_OPENED = "learning_peer_review_opened"
REVIEWS_READY = "learning_peer_reviews_ready"
EVALUATION_OPENED = "learning_evaluation_opened"


def _send(members, *, kind, key, subject, body_for, round_):
    from notifications.outbox import queue_email  # the ops outbox; its one entry point

    names = {m.pk: m.partnership_name for m in members}
    queued = 0
    for member_id, people in recipients(list(names)).items():
        for email, user in people.items():
            body = (
                f"{body_for(member_id)}\n\nThis is for {names[member_id]}.\n\n"
                f"Leading Places programme team\n{settings.PROGRAMME_CONTACT_EMAIL}\n"
            )
            if queue_email(
                key=f"{key}:{member_id}:{email}",
                to_email=email,
                subject=subject,
                body=body,
                kind=kind,
                recipient=user,
                round=round_,
            ):
                queued += 1
    return queued


def _link(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def review_opened(review, members, reviews_of):
    """reviews_of: {member id: [names of the partnerships it reviews]}."""

    def body(member_id):
        names = reviews_of.get(member_id) or []
        listed = "\n".join(f"- {n}" for n in names) or "- none this time"
        return (
            f"A peer review is open for {review.event.title}.\n\n"
            "Post your partnership's short pitch, then write for each partnership you review "
            "what is strong, one challenge and one offer of support.\n\n"
            f"Your partnership reviews:\n{listed}\n\n"
            f"Open the peer review: {_link('learning:peer_review', review.pk)}"
        )

    return _send(
        members,
        kind=REVIEW_OPENED,
        key=f"peer_review:{review.pk}:opened",
        subject=f"Peer review open: {review.event.title}",
        body_for=body,
        round_=review.cohort.round,
    )


def reviews_ready(review, members):
    def body(member_id):
        return (
            f"The peer reviews of your partnership for {review.event.title} are ready to "
            f"read.\n\nRead them: {_link('learning:reviews_of', review.pk, member_id)}"
        )

    return _send(
        members,
        kind=REVIEWS_READY,
        key=f"peer_review:{review.pk}:ready",
        subject=f"Your peer reviews are ready: {review.event.title}",
        body_for=body,
        round_=review.cohort.round,
    )


def evaluation_opened(cohort, members):
    def body(member_id):
        return (
            "The end-of-programme evaluation is open. For each expected outcome and measure "
            "of success in your application, rate the progress made (achieved, partly, not "
            "yet, or no longer relevant) and give the evidence; then write an overall "
            "statement and what your partnership will do after the programme.\n\n"
            f"Start the evaluation: {_link('learning:evaluation', member_id)}"
        )

    return _send(
        members,
        kind=EVALUATION_OPENED,
        key=f"evaluation:{cohort.pk}:opened",
        subject="Leading Places: your end-of-programme evaluation",
        body_for=body,
        round_=cohort.round,
    )
