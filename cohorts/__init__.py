"""cohorts: from the panel's decisions to the published cohort.

- `release.py` (releasing decisions and making offers), `offers.py` (accepting, declining,
  lapsing; `manage.py lapse_offers`), `building.py` (the cohort from accepted offers, and
  its publication time), `publication.py` (the public page, map, PDF, CSV and JSON);
- `emails.py` (decision email templates), `outbox.py` and `tasks.py` (each email sent once
  by the background worker);
- `permissions.py`, `views.py`, `forms.py`, `urls.py`, `templatetags/cohort_tags.py`,
  `admin.py`; `pilots.py` (round 1's pilots) and `demo.py`.
"""
