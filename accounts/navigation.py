"""The service navigation: one link per area the user may open, and, on a page of an area,
that area's own pages as a secondary navigation. The one place these links live.

Each link names the permission its page declares (core.access.require; the permissions are
registered by each app's rules module), and an area is shown when the user has the
permission of at least one of its links. The area of the page being shown is found from
the URL's name (request.resolver_match), so no view has to say where it belongs.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    # The permission the page declares.
    perm: str
    # URL names (besides url_name) whose pages this link stands for.
    also: tuple = ()


@dataclass(frozen=True)
class Area:
    label: str
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
        (Link("Your applications", "applications:dashboard", "applications.apply"),),
        (
            "applications:dashboard",
            "applications:start_bid",
            "applications:bid_*",
            "applications:submission_pdf",
        ),
    ),
    Area(
        "Bids",
        (
            Link(
                "Bids",
                "applications:staff_bids_current",
                "applications.see_all_bids",
                ("applications:staff_bids", "applications:staff_bid"),
            ),
            Link(
                "Organisations to review",
                "applications:staff_organisations",
                "applications.review_organisations",
                ("applications:staff_organisation_*",),
            ),
        ),
        ("applications:staff_*",),
    ),
    Area(
        "Set up assessment",
        (
            Link(
                "Set up assessment", "scoring:setup", "scoring.set_up_round", ("scoring:setup_*",)
            ),
            Link("Invite assessors and staff", "accounts:invitations", "accounts.invite_people"),
        ),
        ("scoring:setup", "scoring:setup_*", "accounts:invitations"),
    ),
    Area(
        "Assessment",
        (
            Link("Your assessments", "scoring:queue", "scoring.assess", ("scoring:score",)),
            Link(
                "Moderation",
                "scoring:moderation",
                "scoring.see_moderation",
                ("scoring:moderate_*", "scoring:return_assessment"),
            ),
            Link(
                "Your interests",
                "scoring:interests",
                "scoring.record_interests",
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
        (Link("Ranking and selection", "scoring:select_home", "scoring.see_selection"),),
        ("scoring:select_*",),
    ),
    Area(
        "Cohorts",
        (
            Link(
                "Decisions and cohort",
                "cohorts:manage_index",
                "cohorts.manage",
                ("cohorts:manage_*", "cohorts:release", "cohorts:edit_*", "cohorts:preview_*"),
            ),
            Link("Published cohorts", "cohorts:list", "cohorts.manage", ("cohorts:cohort",)),
            Link(
                "Outbox",
                "notifications:outbox",
                "notifications.see_outbox",
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
        (Link("Programme", "programme:home", "programme.see_overview"),),
        ("programme:*", *LEARNING_STAFF_PAGES, *LEARNING_PAGES),
    ),
    Area(
        "Your programme",
        (Link("Your programme", "programme:home", "programme.take_part"),),
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


def navigation(user, view_name):
    """(areas, sub_links) for `user` on the page named `view_name`.

    areas: one dict per area the user may open, with its label, the URL of its first page
    the user may open, and whether the page shown is in it. sub_links: the current area's
    pages, when it has more than one for this user (else empty)."""
    view_name = view_name or ""
    areas, sub_links = [], []
    for area in AREAS:
        links = [link for link in area.links if user.has_perm(link.perm)]
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
