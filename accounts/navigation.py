"""The service navigation: one link per area the user's roles open, and, on a page of an
area, that area's own pages as a secondary navigation. The one place these links live.

An area is shown to a user with one of its roles; a link inside it can ask for narrower
roles (the same roles the view itself checks, from accounts.permissions). The area of the
page being shown is found from the URL's name (request.resolver_match), so no view has to
say where it belongs.
"""

from dataclasses import dataclass

from django.urls import reverse

from accounts.permissions import APPLICANT, ASSESSOR, PANEL_CHAIR, PROGRAMME_STAFF

PANEL = (ASSESSOR, PANEL_CHAIR, PROGRAMME_STAFF)
# Not a group: a member of a cohort's partnership team (the programme's own permission says
# who; see accounts.context_processors).
COHORT_MEMBER = "Cohort member"


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    roles: tuple
    # URL names (besides url_name) whose pages this link stands for.
    also: tuple = ()


@dataclass(frozen=True)
class Area:
    label: str
    roles: tuple
    links: tuple
    # URL names, or prefixes ending in "*", of the pages in this area.
    pages: tuple


# The learning app's pages (issue 17) belong to the programme's areas; its public report
# pages (learning:report_list, learning:public_*) to none.
LEARNING_PAGES = (
    "learning:peer_review",
    "learning:review_partnership",
    "learning:pitch",
    "learning:reviews_of",
    "learning:lessons",
    "learning:evaluation",
)
LEARNING_STAFF_PAGES = (
    "learning:cohort",
    "learning:open_review",
    "learning:close_review",
    "learning:add_theme",
    "learning:remove_theme",
    "learning:lock_*",
    "learning:open_evaluation",
    "learning:report",
    "learning:unpublish",
    "learning:next_round",
    "learning:round_learnt",
    "learning:tag_*",
)

AREAS = (
    Area(
        "Your applications",
        (APPLICANT,),
        (Link("Your applications", "applications:dashboard", (APPLICANT,)),),
        (
            "applications:dashboard",
            "applications:start_bid",
            "applications:bid_*",
            "applications:submission_pdf",
        ),
    ),
    Area(
        "Bids",
        (PROGRAMME_STAFF,),
        (
            Link(
                "Bids",
                "applications:staff_bids_current",
                (PROGRAMME_STAFF,),
                ("applications:staff_bids", "applications:staff_bid"),
            ),
            Link(
                "Organisations to review",
                "applications:staff_organisations",
                (PROGRAMME_STAFF,),
                ("applications:staff_organisation_*",),
            ),
        ),
        ("applications:staff_*",),
    ),
    Area(
        "Set up assessment",
        (PROGRAMME_STAFF,),
        (
            Link("Set up assessment", "scoring:setup", (PROGRAMME_STAFF,), ("scoring:setup_*",)),
            Link("Invite assessors and staff", "accounts:invitations", (PROGRAMME_STAFF,)),
        ),
        ("scoring:setup", "scoring:setup_*", "accounts:invitations"),
    ),
    Area(
        "Assessment",
        PANEL,
        (
            Link("Your assessments", "scoring:queue", (ASSESSOR,), ("scoring:score",)),
            Link(
                "Moderation",
                "scoring:moderation",
                (PANEL_CHAIR, PROGRAMME_STAFF),
                ("scoring:moderate_*", "scoring:return_assessment"),
            ),
            Link(
                "Your interests",
                "scoring:interests",
                (ASSESSOR, PANEL_CHAIR),
                ("scoring:declare_conflict",),
            ),
        ),
        (
            "scoring:queue",
            "scoring:score",
            "scoring:moderation",
            "scoring:moderate_*",
            "scoring:return_assessment",
            "scoring:interests",
            "scoring:declare_conflict",
        ),
    ),
    Area(
        "Selection",
        (PANEL_CHAIR, PROGRAMME_STAFF),
        (Link("Ranking and selection", "scoring:select_home", (PANEL_CHAIR, PROGRAMME_STAFF)),),
        ("scoring:select_*",),
    ),
    Area(
        "Cohorts",
        (PROGRAMME_STAFF,),
        (
            Link(
                "Decisions and cohort",
                "cohorts:manage_index",
                (PROGRAMME_STAFF,),
                ("cohorts:manage_*", "cohorts:release", "cohorts:edit_*", "cohorts:preview_*"),
            ),
            Link("Published cohorts", "cohorts:list", (PROGRAMME_STAFF,), ("cohorts:cohort",)),
            Link(
                "Outbox",
                "notifications:outbox",
                (PROGRAMME_STAFF,),
                ("notifications:*", "reminders:*"),
            ),
        ),
        (
            "cohorts:manage_*",
            "cohorts:release",
            "cohorts:send_emails",
            "cohorts:retry_emails",
            "cohorts:email_progress",
            "cohorts:edit_*",
            "cohorts:preview_template",
            "cohorts:add_members",
            "cohorts:schedule",
            "cohorts:unschedule",
            "cohorts:list",
            "cohorts:cohort",
            "notifications:*",
            "reminders:*",
        ),
    ),
    Area(
        "Programme",
        (PROGRAMME_STAFF,),
        (Link("Programme", "programme:home", (PROGRAMME_STAFF,)),),
        ("programme:*", *LEARNING_STAFF_PAGES, *LEARNING_PAGES),
    ),
    Area(
        "Your programme",
        (COHORT_MEMBER,),
        (Link("Your programme", "programme:home", (COHORT_MEMBER,)),),
        ("programme:*", *LEARNING_PAGES),
    ),
)


def _matches(view_name, patterns):
    for pattern in patterns:
        if pattern.endswith("*"):
            if view_name.startswith(pattern[:-1]):
                return True
        elif view_name == pattern:
            return True
    return False


def _allowed(roles, wanted):
    return bool(roles & set(wanted))


def navigation(roles, view_name):
    """(areas, sub_links) for a user with `roles` on the page named `view_name`.

    areas: one dict per area the user may open, with its label, the URL of its first page
    the user may open, and whether the page shown is in it. sub_links: the current area's
    pages, when it has more than one for this user (else empty)."""
    roles = set(roles)
    view_name = view_name or ""
    areas, sub_links = [], []
    for area in AREAS:
        if not _allowed(roles, area.roles):
            continue
        links = [link for link in area.links if _allowed(roles, link.roles)]
        if not links:
            continue
        current = _matches(view_name, area.pages)
        areas.append({"label": area.label, "url": reverse(links[0].url_name), "current": current})
        if current and len(links) > 1:
            sub_links = [
                {
                    "label": link.label,
                    "url": reverse(link.url_name),
                    "current": view_name == link.url_name or _matches(view_name, link.also),
                }
                for link in links
            ]
    return areas, sub_links
