"""accounts: users (the email address is the username), roles and who may do what.

- `models.py`: User, staff Invitation, PendingSignUp and AccountEmailRequest;
  `permissions.py`: the roles (Applicant, Assessor, Panel chair, Programme staff) and the
  rules of this app; `decorators.py`: `role_required`;
- `views.py`, `forms.py`, `urls.py`: sign up (confirmed by email), sign in, sign out,
  passwords, the account home page and staff invitations (`emails.py`);
- `account_emails.py`: sign-up and password-reset emails, one answer for every address,
  limited per address and per client address;
- `signin.py`: django-axes' client address (proxy-aware), username and lockout page;
- `two_factor.py`, `views_two_factor.py`, `middleware.py`: two-factor sign-in (django-otp)
  for staff, chairs and assessors, and for applicants who turn it on;
- `context_processors.py`: the signed-in user's roles for every page's navigation.
"""
