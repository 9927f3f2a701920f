"""Email backends that stand in for a broken mail server."""

from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down: every connection is refused."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages):
        self.open()
        return 0


class SenderAlongsideBackend(BaseEmailBackend):
    """A mail server that is slow to answer: while it holds a message, another sender
    (the worker, running on the wall clock) looks at the outbox. Each message is then
    delivered to Django's test outbox as the locmem backend would."""

    def send_messages(self, email_messages):
        from django.core import mail

        from notifications import sender

        sender.send_queued(
            connection=get_connection("django.core.mail.backends.locmem.EmailBackend")
        )
        mail.outbox.extend(email_messages)
        return len(email_messages)
