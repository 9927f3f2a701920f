from django.test import Client

from accounts import permissions
from bench.lib import measure_get
from bench.scenarios import scenario
from tests.factories.accounts import sign_in_client, user_with


def signed_in_client(email, role):
    user = user_with(email, role)
    client = Client()
    sign_in_client(client, user)
    return client


@scenario(order=0)
def floor(reporter, sizes):
    """A signed-in request for a page that renders the base template with no data."""
    client = signed_in_client("floor@example.com", permissions.APPLICANT)
    queries, ms = measure_get(client, "/accessibility/", runs=21)
    reporter.floor_ms = ms
    reporter.emit("floor", None, queries, ms)
