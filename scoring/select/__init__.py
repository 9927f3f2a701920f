"""Selection: the panel chair's ranking, constraints, proposal and decisions.

* ``data``       - loads a round's selection inputs from the database as the plain values of
  ``scoring.rules`` (a fixed number of queries).
* ``selection``  - runs the rules (ranking, proposal, explanations, stability) on that data;
  the chair's settings, pins and region overrides.
* ``decisions``  - the one place a decision (accept, reserve, reject) is recorded or reopened.
* ``charts``     - the score distribution charts and the map of bids.
* ``views``      - the ranking, constraints, proposal, decision, pin, region and reopen pages;
  ``exports`` - the ranking CSV and the panel report PDF.
* ``forms``, ``filters``, ``urls`` - under /selection/.

Tests: tests/test_select.py, tests/test_browser_select.py (the pure rules: see scoring.rules).
"""
