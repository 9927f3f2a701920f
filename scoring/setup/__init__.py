"""Setting a round up for assessment (programme staff), and assessors' interests.

* ``criteria``    - the round's criteria and weights; the lock once scoring starts; reset.
* ``screening``   - marking each submitted bid eligible or ineligible.
* ``interests``   - an assessor's organisations and other interests.
* ``conflicts``   - who is in conflict with which bid (declared, or through an organisation).
* ``assignment``  - assigning assessors by hand or automatically (the plan itself is
  ``scoring.rules.assignment_plan``), unassigning, declaring a conflict.
* ``views``, ``forms``, ``urls`` - the pages under /assess/setup/ and /assess/interests/.

Tests: tests/test_setup_*.py.
"""
