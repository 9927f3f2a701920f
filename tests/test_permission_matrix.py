"""Every URL of the service × every kind of person, with the answer each gets (GET).

The URLs come from the URL conf (django.urls.get_resolver), so a new URL without a row in
EXPECTED fails this test; the arguments are filled from one world (tests/permission_world).
302 here is always the sign-in page (checked). The Django admin has its own permission
system and its own tests (test_admin_lockdown.py); its URLs are left out by namespace.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories.accounts import sign_in_client
from tests.permission_world import KINDS, build

pytestmark = pytest.mark.django_db

SIGN_IN = "/account/sign-in/"

# One row per URL name: the status each kind gets, in the order of KINDS:
#   anonymous applicant other_applicant collaborator assessor conflicted_assessor chair
#   conflicted_chair staff superuser
# 302 for anonymous is the sign-in page; 405 is a POST-only page reached by someone allowed
# to use it (the permission is checked before the method). Someone who may never do this
# gets 403; someone who may, but not on this object (another team's bid, a bid they are
# in conflict with, a cohort not yet published), gets 404.
EXPECTED = {
    "core:start": "200 200 200 200 200 200 200 200 200 200",
    "core:accessibility": "200 200 200 200 200 200 200 200 200 200",
    "core:privacy": "200 200 200 200 200 200 200 200 200 200",
    "accounts:sign_up": "200 302 302 302 302 302 302 302 302 302",
    "accounts:login": "200 302 302 302 302 302 302 302 302 302",
    "accounts:logout": "405 405 405 405 405 405 405 405 405 405",
    "accounts:home": "302 200 200 200 200 200 200 200 200 200",
    "accounts:invitations": "302 403 403 403 403 403 403 403 200 200",
    "accounts:accept_invitation": "200 403 403 403 403 403 403 403 403 403",
    "accounts:password_reset": "200 200 200 200 200 200 200 200 200 200",
    "accounts:password_reset_done": "200 200 200 200 200 200 200 200 200 200",
    "accounts:password_reset_confirm": "200 200 200 200 200 200 200 200 200 200",
    "accounts:password_reset_complete": "200 200 200 200 200 200 200 200 200 200",
    "accounts:password_change": "302 200 200 200 200 200 200 200 200 200",
    # Sign-up's "check your email" is public; a sign-up link that is not one is gone (410).
    "accounts:sign_up_done": "200 200 200 200 200 200 200 200 200 200",
    "accounts:sign_up_confirm": "410 410 410 410 410 410 410 410 410 410",
    # Two-factor pages (issue 12): everyone here signed in through sign_in_client, so staff,
    # chairs and assessors are set up and verified (set-up and the code page send them on);
    # applicants have not turned it on (set-up opens, the code page sends them to set-up).
    "accounts:two_factor_setup": "302 200 200 200 302 302 302 302 302 302",
    "accounts:two_factor_verify": "302 302 302 302 302 302 302 302 302 302",
    "accounts:two_factor_recovery_codes": "302 302 302 302 302 302 302 302 302 302",
    "accounts:two_factor_new_recovery_codes": "302 405 405 405 405 405 405 405 405 405",
    "accounts:two_factor_turn_off": "302 405 405 405 405 405 405 405 405 405",
    "accounts:two_factor_reset": "302 403 403 403 403 403 403 403 200 200",
    "applications:dashboard": "302 200 200 200 200 200 200 200 200 200",
    "applications:start_bid": "302 200 200 200 200 200 200 200 200 200",
    "applications:bid_overview": "302 200 404 200 404 404 404 404 404 404",
    "applications:bid_step": "302 302 404 302 404 404 404 404 404 404",
    "applications:bid_ineligible": "302 302 404 302 404 404 404 404 404 404",
    "applications:bid_check": "302 200 404 200 404 404 404 404 404 404",
    "applications:bid_submit": "302 405 404 405 404 404 404 404 404 404",
    "applications:bid_confirmation": "302 200 404 200 404 404 404 404 404 404",
    "applications:bid_reopen": "302 200 404 200 404 404 404 404 404 404",
    "applications:bid_withdraw": "302 200 404 302 404 404 404 404 404 404",
    "applications:bid_withdrawn": "302 302 404 302 404 404 404 404 404 404",
    "applications:bid_team": "302 200 404 200 404 404 404 404 404 404",
    "applications:submission_pdf": "302 200 404 200 404 404 404 404 200 200",
    "applications:bid_invitation": "200 302 403 302 403 403 403 403 403 403",
    "applications:staff_bids_current": "302 403 403 403 403 403 403 403 302 302",
    "applications:staff_bids": "302 403 403 403 403 403 403 403 200 200",
    "applications:staff_bids_csv": "302 403 403 403 403 403 403 403 200 200",
    "applications:staff_bid": "302 403 403 403 403 403 403 403 200 200",
    "applications:staff_organisations": "302 403 403 403 403 403 403 403 200 200",
    "applications:staff_organisation_reviewed": "302 403 403 403 403 403 403 403 405 405",
    "applications:staff_organisation_merge": "302 403 403 403 403 403 403 403 200 200",
    "scoring:setup": "302 403 403 403 403 403 403 403 200 200",
    "scoring:setup_round": "302 403 403 403 403 403 403 403 200 200",
    "scoring:setup_criteria": "302 403 403 403 403 403 403 403 200 200",
    "scoring:setup_criteria_edit": "302 403 403 403 403 403 403 403 302 302",
    "scoring:setup_criteria_copy": "302 403 403 403 403 403 403 403 200 200",
    "scoring:setup_criteria_reset": "302 403 403 403 403 403 403 403 200 200",
    "scoring:setup_screening": "302 403 403 403 403 403 403 403 200 200",
    "scoring:setup_screen_bid": "302 403 403 403 403 403 403 403 200 200",
    "scoring:setup_assignment": "302 403 403 403 403 403 403 403 200 200",
    "scoring:setup_bid_assignment": "302 403 403 403 403 403 403 403 200 200",
    "scoring:setup_unassign": "302 403 403 403 403 403 403 403 200 200",
    "scoring:interests": "302 403 403 403 200 200 200 200 403 403",
    "scoring:declare_conflict": "302 403 403 403 200 404 403 403 403 403",
    "scoring:queue": "302 403 403 403 200 200 403 403 403 403",
    "scoring:score": "302 403 403 403 200 404 403 403 403 403",
    "scoring:moderation": "302 403 403 403 403 403 200 200 200 200",
    "scoring:moderate_bid": "302 403 403 403 403 403 200 404 200 200",
    "scoring:moderate_criterion": "302 403 403 403 403 403 200 404 403 403",
    "scoring:return_assessment": "302 403 403 403 403 403 200 404 403 403",
    "scoring:select_home": "302 403 403 403 403 403 302 302 302 302",
    "scoring:select_ranking": "302 403 403 403 403 403 200 200 200 200",
    "scoring:select_constraints": "302 403 403 403 403 403 200 200 403 403",
    "scoring:select_proposal": "302 403 403 403 403 403 200 200 200 200",
    "scoring:select_accept_proposed": "302 403 403 403 403 403 405 405 403 403",
    "scoring:select_decide": "302 403 403 403 403 403 200 404 403 403",
    "scoring:select_pin": "302 403 403 403 403 403 200 404 403 403",
    "scoring:select_region": "302 403 403 403 403 403 200 404 403 403",
    "scoring:select_reopen": "302 403 403 403 403 403 403 403 200 200",
    "scoring:select_csv": "302 403 403 403 403 403 200 200 200 200",
    "scoring:select_pdf": "302 403 403 403 403 403 200 200 200 200",
    "cohorts:list": "200 200 200 200 200 200 200 200 200 200",
    "cohorts:manage_index": "302 403 403 403 403 403 403 403 200 200",
    "cohorts:manage_round": "302 403 403 403 403 403 403 403 200 200",
    "cohorts:release": "302 403 403 403 403 403 403 403 405 405",
    "cohorts:send_emails": "302 403 403 403 403 403 403 403 405 405",
    "cohorts:retry_emails": "302 403 403 403 403 403 403 403 405 405",
    "cohorts:email_progress": "302 403 403 403 403 403 403 403 200 200",
    "cohorts:edit_template": "302 403 403 403 403 403 403 403 200 200",
    "cohorts:preview_template": "302 403 403 403 403 403 403 403 200 200",
    "cohorts:manage_cohort": "302 403 403 403 403 403 403 403 200 200",
    "cohorts:add_members": "302 403 403 403 403 403 403 403 405 405",
    "cohorts:edit_details": "302 403 403 403 403 403 403 403 200 200",
    "cohorts:schedule": "302 403 403 403 403 403 403 403 200 200",
    "cohorts:unschedule": "302 403 403 403 403 403 403 403 405 405",
    "cohorts:edit_note": "302 403 403 403 403 403 403 403 200 200",
    "cohorts:offer": "302 200 404 200 404 404 404 404 404 404",
    "cohorts:cohort": "404 404 404 404 404 404 404 404 200 200",
    "cohorts:pdf": "404 404 404 404 404 404 404 404 200 200",
    "cohorts:csv": "404 404 404 404 404 404 404 404 200 200",
    "cohorts:json": "404 404 404 404 404 404 404 404 200 200",
    "notifications:outbox": "302 403 403 403 403 403 403 403 200 200",
    "notifications:retry": "302 403 403 403 403 403 403 403 405 405",
    "notifications:message": "302 403 403 403 403 403 403 403 200 200",
    "reminders:round": "302 403 403 403 403 403 403 403 200 200",
    "reminders:move_deadline": "302 403 403 403 403 403 403 403 405 405",
    "reminders:schedule": "302 403 403 403 403 403 403 403 405 405",
    "reminders:edit_template": "302 403 403 403 403 403 403 403 200 200",
    "healthz": "200 200 200 200 200 200 200 200 200 200",
    "programme:home": "302 200 403 200 403 403 403 403 200 200",
    "programme:overview": "302 403 403 403 403 403 403 403 200 200",
    "programme:overview_pdf": "302 403 403 403 403 403 403 403 200 200",
    "programme:calendar": "302 403 403 403 403 403 403 403 200 200",
    "programme:create_event": "302 403 403 403 403 403 403 403 200 200",
    "programme:event": "302 200 404 200 404 404 404 404 200 200",
    "programme:change_event": "302 403 403 403 403 403 403 403 200 200",
    "programme:cancel_event": "302 403 403 403 403 403 403 403 200 200",
    "programme:reply": "302 200 404 200 404 404 404 404 200 200",
    "programme:attendance": "302 403 403 403 403 403 403 403 200 200",
    "programme:event_ics": "302 200 404 200 404 404 404 404 200 200",
    "programme:attendance_csv": "302 403 403 403 403 403 403 403 200 200",
    "programme:space": "302 200 404 200 404 404 404 404 200 200",
    "programme:add_leader": "302 200 404 200 404 404 404 404 200 200",
    # Change and remove pages: the form or the question (GET changes nothing).
    "programme:change_leader": "302 200 404 200 404 404 404 404 200 200",
    "programme:remove_leader": "302 200 404 200 404 404 404 404 200 200",
    "programme:record_meeting": "302 200 404 200 404 404 404 404 200 200",
    "programme:meeting": "302 200 404 200 404 404 404 404 200 200",
    "programme:change_meeting": "302 200 404 200 404 404 404 404 200 200",
    "programme:remove_meeting": "302 200 404 200 404 404 404 404 200 200",
    "programme:add_team_member": "302 200 404 200 404 404 404 404 200 200",
    "programme:change_team_member": "302 200 404 200 404 404 404 404 200 200",
    "programme:remove_team_member": "302 200 404 200 404 404 404 404 200 200",
    "programme:make_lead_contact": "302 405 404 405 404 404 404 404 405 405",
    "programme:reshape": "302 200 404 200 404 404 404 404 200 200",
    "programme:add_milestone": "302 200 404 200 404 404 404 404 200 200",
    "programme:update_milestone": "302 200 404 200 404 404 404 404 200 200",
    # Learning and evaluation (issue 17): team pages answer like the programme's (404 for
    # anyone not on the team), staff pages 403, the report public once published.
    "learning:peer_review": "302 200 404 200 404 404 404 404 200 200",
    "learning:review_partnership": "302 200 404 200 404 404 404 404 200 200",
    "learning:pitch": "302 200 404 200 404 404 404 404 200 200",
    "learning:reviews_of": "302 200 404 200 404 404 404 404 200 200",
    "learning:lessons": "302 200 404 200 404 404 404 404 200 200",
    "learning:evaluation": "302 200 404 200 404 404 404 404 200 200",
    "learning:cohort": "302 403 403 403 403 403 403 403 200 200",
    "learning:open_review": "302 403 403 403 403 403 403 403 200 200",
    "learning:close_review": "302 403 403 403 403 403 403 403 405 405",
    "learning:tag_review": "302 403 403 403 403 403 403 403 200 200",
    "learning:add_theme": "302 403 403 403 403 403 403 403 200 200",
    "learning:remove_theme": "302 403 403 403 403 403 403 403 405 405",
    "learning:tag_lessons": "302 403 403 403 403 403 403 403 200 200",
    "learning:lock_lessons": "302 403 403 403 403 403 403 403 405 405",
    "learning:lock_all": "302 403 403 403 403 403 403 403 405 405",
    "learning:open_evaluation": "302 403 403 403 403 403 403 403 405 405",
    "learning:report": "302 403 403 403 403 403 403 403 200 200",
    "learning:unpublish": "302 403 403 403 403 403 403 403 405 405",
    "learning:next_round": "302 403 403 403 403 403 403 403 200 200",
    "learning:round_learnt": "302 403 403 403 403 403 403 403 200 200",
    "learning:report_list": "200 200 200 200 200 200 200 200 200 200",
    "learning:public_report": "404 404 404 404 404 404 404 404 200 200",
    "learning:public_report_pdf": "404 404 404 404 404 404 404 404 200 200",
}


def patterns(resolver=None, prefix="", namespace=""):
    """(URL name with its namespace, route) of every named pattern, admin left out."""
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            ns = item.namespace or ""
            if ns == "admin":
                continue
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from patterns(item, prefix + str(item.pattern), full)
        elif isinstance(item, URLPattern):
            route = prefix + str(item.pattern)
            if item.name is None:
                yield None, route
            else:
                yield (f"{namespace}:{item.name}" if namespace else item.name), route


def arguments(world, name, route):
    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    values = dict(world.args.get(name, {}))
    for arg in names:
        if arg in values:
            continue
        by_route = [v for start, v in world.args["pk by route"].items() if route.startswith(start)]
        if arg == "pk" and by_route:
            values[arg] = by_route[0]
        else:
            values[arg] = world.args[arg]
    return {arg: values[arg] for arg in names}


def answers_for(client, world, name, route):
    url = reverse(name, kwargs=arguments(world, name, route))
    found = {}
    for kind in KINDS:
        client.logout()
        person = world.people[kind]
        if person is not None:
            sign_in_client(client, person)
        response = client.get(url)
        found[kind] = response.status_code
        if response.status_code == 302 and kind == "anonymous":
            assert response["Location"].startswith(SIGN_IN), (name, response["Location"])
    return url, found


def test_every_url_has_a_row():
    """A new URL without a row here fails; so does a row for a URL that has gone."""
    found = [name for name, _ in patterns()]
    unnamed = [route for name, route in patterns() if name is None]
    assert unnamed == ["^assess/selection/(?P<rest>.*)$"]  # old bookmarks, a redirect
    named = [name for name in found if name is not None]
    assert len(named) == len(set(named))
    assert set(named) - set(EXPECTED) == set(), "URLs without a row in EXPECTED"
    assert set(EXPECTED) - set(named) == set(), "rows for URLs that do not exist"


def test_every_url_answers_every_kind_of_person_as_expected(client, open_round, chair, staff_user):
    world = build(open_round, chair, staff_user)
    wrong = []
    count = 0
    for name, route in patterns():
        if name is None:
            continue
        expected = dict(zip(KINDS, (int(s) for s in EXPECTED[name].split()), strict=True))
        url, found = answers_for(client, world, name, route)
        count += len(found)
        wrong += [
            f"{name} ({url}) {kind}: {found[kind]}, expected {expected[kind]}"
            for kind in KINDS
            if found[kind] != expected[kind]
        ]
    assert wrong == [], "\n".join(wrong)
    assert count == len(EXPECTED) * len(KINDS) == 151 * 10
