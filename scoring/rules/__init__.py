"""The pure rules of assessment and selection: plain data in, plain data out, no database.

Each module is unit-tested on its own (tests/test_ranking*.py, test_proposal.py,
test_setup_assignment_plan.py):

* ``figures``           - THE figure of a bid: exact criterion scores and weighted total, and
  their one rounding (half up, one decimal) and formatting. Every page, export and email.
* ``wording``           - ordinals, "a, b and c", region names, dates in London time.
* ``inputs``            - what the ranking sees: ``CriterionRule``, ``AssessmentScores``,
  ``BidScores``, ``RoundRules`` (quota, threshold, tie-break rules) and ``ConstraintError``.
* ``scores``            - a bid's criterion scores and weighted total; score distributions.
* ``calibration``       - optional assessor calibration.
* ``ordering``          - the order of scored bids and the tie-break rule that separates two.
* ``rank_explanations`` - the plain-English rule behind each bid's place.
* ``ranking``           - ``rank_bids``: the ranked list and the bids listed separately.
* ``proposal``          - the optimal cohort under the chair's constraints, or why none exists.
* ``infeasibility``     - why no cohort is possible, and each single change that makes one.
* ``proposal_explanations`` - one line per bid: why it is, or is not, proposed.
* ``stability``         - which bids flip in or out when a criterion weight moves 10 points.
* ``assignment_plan``   - the automatic assignment of assessors to bids.

``scoring.select.data`` and ``scoring.setup.assignment`` turn database rows into these inputs.
The region of a bid has one rule, ``applications.answers.derived_region_code`` (stored on the
bid), with the chair's override (``scoring.models.BidRegionOverride``).
"""
