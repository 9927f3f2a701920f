"""Assessment: assessors score their bids; the panel chair moderates.

* ``assessments`` - an assessor's queue, saving a draft and submitting an assessment.
* ``moderation``  - statistics and flags, the moderation data of a round or a bid, and the
  chair's changes (moderated scores, returning an assessment).
* ``audit_trail`` - the history of scores, moderation and returns shown on a bid.
* ``views``, ``forms``, ``filters``, ``urls`` - the pages under /assess/ (queue, score form,
  moderation dashboard and bid pages).

Tests: tests/test_assess_*.py.
"""
