"""Issue 12, reproduction 6: two collaborators save the same section at the same moment,
through two real connections (threads) against the live server, on SQLite (a database
file with WAL, IMMEDIATE transactions and a busy timeout, as the service runs) and on
PostgreSQL: one save wins, the other gets the 409 stale-write page with its input kept;
never a 500, never "database is locked"."""

import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.test import Client

from applications.models import BidSection
from tests.factories.accounts import sign_in_client
from tests.factories.applications import add_colleague, make_bid, step_url, version_of

pytestmark = pytest.mark.django_db(transaction=True)

CSRF = "a" * 32  # a CSRF secret of our choosing, sent as the cookie and in the form


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session_cookie(user):
    client = sign_in_client(Client(), user)
    return client.cookies["sessionid"].value


def post(url, session, data):
    """POST as a browser would; returns (status, body)."""
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": CSRF}, doseq=True).encode()
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Cookie", f"sessionid={session}; csrftoken={CSRF}")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def at_once(calls):
    """Run the calls in their own threads, released together; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_two_collaborators_save_the_same_section_at_once(live_server, open_round, applicant):
    bid = make_bid(open_round, applicant)
    colleague = add_colleague(bid, "colleague@sheffield.ac.uk", "Cole League")
    sessions = [session_cookie(applicant), session_cookie(colleague)]
    url = live_server.url + step_url(bid, "challenge")
    for pair in range(5):
        version = version_of(bid, "challenge")
        titles = [f"Title from the lead {pair}", f"Title from the colleague {pair}"]
        results = at_once(
            [
                lambda s=s, t=t, v=version: post(
                    url,
                    s,
                    {"challenge-title": t, "action": "later", "section_version": v},
                )
                for s, t in zip(sessions, titles, strict=True)
            ]
        )
        statuses = sorted(status for status, _ in results)
        assert statuses == [302, 409], (pair, [(s, b[:300]) for s, b in results])
        winner, loser = (0, 1) if results[0][0] == 302 else (1, 0)
        conflict_page = results[loser][1]
        assert "after you opened it. Your answers have not been saved." in conflict_page
        assert titles[loser] in conflict_page  # the loser's text is still in the form
        saved = BidSection.objects.get(bid=bid, step="challenge")
        assert saved.version == version + 1
        assert saved.data["_draft"]["challenge-title"] == [titles[winner]]


def test_one_person_saving_a_section_from_eight_tabs_gets_no_500(
    live_server, open_round, applicant
):
    """Eight saves of one section at once (eight tabs): one is saved, seven are told that
    the section changed; none fails."""
    bid = make_bid(open_round, applicant)
    session = session_cookie(applicant)
    url = live_server.url + step_url(bid, "challenge")
    version = version_of(bid, "challenge")
    results = at_once(
        [
            lambda n=n: post(
                url,
                session,
                {"challenge-title": f"Tab {n}", "action": "later", "section_version": version},
            )
            for n in range(8)
        ]
    )
    assert sorted(status for status, _ in results) == [302] + [409] * 7
    assert BidSection.objects.get(bid=bid, step="challenge").version == version + 1
