"""Who may do what with the outbox: `rules` predicates registered as the notifications
app's permissions (accounts/rules.py says how they are asked)."""

import rules

from accounts.rules import is_programme_staff

# The outbox: every email the service sends, its state, retrying failures.
rules.add_perm("notifications.see_outbox", is_programme_staff)
