"""applications: rounds, the organisation registry, bids and their audit trail.

- Rules and state changes: `rounds.py` (the current round), `bids.py` (every state change
  of a bid, one function each), `answers.py` (the answers' schema and summaries),
  `progress.py` (section status), `permissions.py` (who may see and change a bid),
  `denormalise.py`, `organisations.py` and `organisation_review.py` (the registry and
  staff review of typed-in organisations), `audit.py`;
- The applicant's pages: `views_start.py` (the start page at /), `views_apply.py`,
  `wizard.py` (the question pages) and `forms/` (one form per question page),
  `urls_apply.py`, `emails.py`, `pdf.py`;
- Programme staff's pages: `views_staff.py`, `staff_bids.py`, `staff_export.py`,
  `staff_forms.py`, `urls_staff.py`, `templatetags/staff_tags.py`, `admin.py`;
- Data: `data/` and `reference.py` (`manage.py load_reference_data`; also the hex map's
  layout, handed to core.hexmap in `apps.py`), `samples.py`, `demo.py`, `demo_bids.py`
  (`manage.py load_demo`).
"""
