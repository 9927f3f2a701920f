"""accounts: users (the email address is the username), roles and who may do what.

- `models.py`: User and staff Invitation; `permissions.py`: the roles (Applicant, Assessor,
  Panel chair, Programme staff) and the rules of this app; `decorators.py`: `role_required`;
- `views.py`, `forms.py`, `urls.py`: sign up, sign in (throttled by `throttle.py`), sign
  out, passwords, the account home page and staff invitations (`emails.py`);
- `context_processors.py`: the signed-in user's roles for every page's navigation.
"""
