"""Assessment and selection of bids, in three areas, one subpackage each:

* ``scoring.setup``  - programme staff set a round up: criteria, screening, assessors'
  interests and conflicts, assignment of assessors to bids.
* ``scoring.assess`` - assessors score their bids; the panel chair moderates.
* ``scoring.select`` - the panel chair ranks, sets the cohort constraints, reviews the
  proposed cohort, records decisions and exports the ranking and the panel report.

``scoring.rules`` holds the pure rules those areas use (ranking, proposal, explanations,
stability, calibration, assignment plan): plain data in, plain data out, no database.
Shared by all three: ``models.py`` (every scoring table), ``permissions.py`` (who may do
what, the one permission layer of the app), ``admin.py`` and the demo loaders ``demo*.py``.
"""
