"""Email backends that stand in for a broken mail server."""

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down: every connection is refused."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages):
        self.open()
        return 0
