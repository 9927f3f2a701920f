"""Who may do what in learning and evaluation: object-level predicates registered with
`rules`, on top of the programme's (programme/rules.py: the team of a partnership, the
rest of its cohort, programme staff). Views declare the permission they need with
programme.access.require; templates ask with {% has_perm %}. No role names outside here.

- Peer review: the teams of the partnerships taking part see the review and every
  participant's pitch; only the reviewing partnership's team writes its review (not staff:
  a review is the peer's own words); the reviewed partnership's team reads a review of it
  once it is released (learning.visibility: all its reviewers submitted, or the review
  closed); staff see everything.
- Lessons learnt and the evaluation: the partnership's team and staff (who record what
  pilots sent by email); the domain refuses changes once locked or submitted.
"""

import rules

from learning import visibility
from programme.rules import _memberships, is_staff, on_team


def _mine(user):
    return set(_memberships(user))


@rules.predicate
def takes_part(user, review):
    """The user is on the team of a partnership taking part in the peer review."""
    if review is None:
        return False
    mine = _mine(user)
    return bool(mine) and review.members.filter(pk__in=mine).exists()


@rules.predicate
def writes_pair(user, pair):
    return pair is not None and pair.reviewer_id in _mine(user)


@rules.predicate
def reads_released_pair(user, pair):
    return pair is not None and pair.reviewed_id in _mine(user) and visibility.is_released(pair)


@rules.predicate
def sees_pitch(user, pitch_page):
    """pitch_page: (review, member) for a member taking part."""
    review, member = pitch_page
    return member.pk in _mine(user) or takes_part(user, review)


# Peer review
rules.add_perm("learning.manage", is_staff)
rules.add_perm("learning.see_peer_review", is_staff | takes_part)
rules.add_perm("learning.see_pitch", is_staff | sees_pitch)
rules.add_perm("learning.write_review", writes_pair)
rules.add_perm("learning.read_review", is_staff | writes_pair | reads_released_pair)
rules.add_perm("learning.reviews_of", is_staff | on_team)
# Lessons learnt and next steps; the evaluation (of a cohort member)
rules.add_perm("learning.see_lessons", is_staff | on_team)
rules.add_perm("learning.edit_lessons", is_staff | on_team)
rules.add_perm("learning.see_evaluation", is_staff | on_team)
rules.add_perm("learning.edit_evaluation", is_staff | on_team)
