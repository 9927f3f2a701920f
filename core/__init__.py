"""core: the shared pieces every app uses, depending on nothing above it (it imports nothing
from accounts, applications, scoring or cohorts; tests/test_layers.py checks).

- `forms.py`, `templatetags/govuk.py`, `context_processors.py`: GOV.UK rendering of forms,
  the error summary, template filters and the service's name on every page;
- `refusals.py`: `Refused`, the one exception for a refused change, and the one way views
  show it (`refusal_to_form`, `refusal_message`);
- `dates.py` (GOV.UK dates, Europe/London), `text.py` (word counts), `csvsafe.py` (CSV
  downloads), `pdf.py` (WeasyPrint), `hexmap.py` (the district hex map, drawn from a
  layout the caller's app provides);
- `views.py`, `urls.py`: the accessibility and privacy pages and the error pages.
"""
