from django.test import Client

from accounts import permissions
from bench.lib import measure_get, median_ms
from bench.scenarios import scenario
from tests.factories.accounts import user_with


def signed_in_client(email, role):
    user = user_with(email, role)
    client = Client()
    client.force_login(user)
    return client


FLOOR_URL = "/accessibility/"


def floor_timer():
    """The floor page's median (ms) over 11 requests: measured again beside every row."""
    client = signed_in_client("floor@example.com", permissions.APPLICANT)

    def measure():
        return median_ms(lambda: client.get(FLOOR_URL), runs=11)

    return measure


@scenario(order=0)
def floor(reporter, sizes):
    """A signed-in request for a page that renders the base template with no data."""
    client = signed_in_client("floor@example.com", permissions.APPLICANT)
    queries, ms = measure_get(client, FLOOR_URL, runs=21)
    reporter.floor_ms = ms
    reporter.emit("floor", None, queries, ms)
    reporter.floor = floor_timer()
