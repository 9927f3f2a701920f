"""Who may do what with deadline reminders: `rules` predicates registered as the reminders
app's permissions (accounts/rules.py says how they are asked)."""

import rules

from accounts.rules import is_programme_staff

# Move the deadline, change the reminder schedule and edit the reminder emails.
rules.add_perm("reminders.manage_reminders", is_programme_staff)
