"""Round 1 (the 2016–17 pilot) as learning data, from the Leadership Foundation's peer
review conference report (December 2016): its introduction, the key challenges of
collaborative working, and Appendix A's lessons learnt (A.) and next steps (B.) for the
six partnerships, dated the day of the conference, tagged with the key challenges and
locked for the report.

The report's World Café graphic (the clustered themes) is not in the seed text: the key
challenges below are the ones its text and the board paper name (trust, shared language,
buy-in, the time of senior leaders, competing agendas, a journey beyond the project,
clear objectives), and each partnership's lessons are tagged by reading Appendix A.

Run after programme.pilots.load_round_one_programme. Idempotent: running it again changes
nothing (and leaves the report published or not as it was)."""

import datetime as dt

from django.db import transaction

from cohorts.models import Cohort
from learning.models import KeyChallenge, Lessons, Report
from programme.pilots import CONFERENCE_DAY, CONFERENCE_REPORT

APPENDIX_A = f"{CONFERENCE_REPORT}, Appendix A"
BOARD_PAPER = "LGA board paper 'Leading Places project update' (summer 2016)"
TITLE = "Leading Places pilot (2016–17): programme report"
INTRODUCTION = (
    "The Leading Places project, developed in partnership with the Local Government "
    "Association (LGA), the Higher Education Funding Council for England (HEFCE) and "
    "Universities UK (UUK), launched in May 2016. Its objectives and aims are to support "
    "devolution, public service reform, closer civic partnerships and economic growth. At "
    "the heart of this project is a process of action learning facilitated by the "
    "Leadership Foundation for Higher Education (LFHE).\n\n"
    "For the pilot, six localities were chosen across England. Each partnership is steered "
    "by a Senior Leadership Group, with a Challenge Team convened to carry through the "
    "project to its end. At the Peer Review Conference on 21 November 2016 each "
    "partnership presented an elevator pitch and an illustrative timeline of its project "
    "to March 2017, and its fellow participants provided support and challenge. Some "
    "partnerships reshaped their themes as a result of reflection and peer challenge."
)

# (name, description, source)
KEY_CHALLENGES = [
    (
        "Clear objectives and scope",
        "Articulating what the project is, why, and what is achievable within the programme.",
        APPENDIX_A,
    ),
    (
        "Trust and relationships",
        "Cultivating relationships of trust within the project team, with facilitators, the "
        "steering group and external organisations; relationship building takes time.",
        CONFERENCE_REPORT,
    ),
    (
        "Buy-in from all partners",
        "Progress depends on the level of buy-in and co-ownership of all partners.",
        APPENDIX_A,
    ),
    (
        "A journey beyond the project",
        "The questions tackled, and the partnership, extend beyond the life of the project.",
        CONFERENCE_REPORT,
    ),
    (
        "Competing agendas",
        "Navigating competing agendas, including with political partners and all "
        "stakeholders and their roles.",
        CONFERENCE_REPORT,
    ),
    (
        "Shared language",
        "Partners from different sectors need a straightforward, shared language (no "
        "acronyms) rather than a shared vision.",
        f"{CONFERENCE_REPORT} (keynote)",
    ),
    (
        "Time of senior leaders",
        "The significant pressures on the diaries of senior leaders slowed progress.",
        f"{BOARD_PAPER}, paragraph 11",
    ),
]

# partnership: (A. learnt, B. next steps, key challenges tagged), verbatim from Appendix A
LESSONS = {
    "Brighton": (
        "Learning around the personal nature of collaboration and need for trust in all "
        "involved. Relationship building takes time and is difficult to do in a formal space",
        "Amount of progress depends on level of buy in from all partners, challenges faced so "
        "far have been due to this lack of buy in from all involved so need to articulate "
        "clearer objectives for project in order to bring in all on periphery",
        ["Trust and relationships", "Buy-in from all partners", "Clear objectives and scope"],
    ),
    "Gloucestershire": (
        "Realisation that project is tackling big questions about the role of the university "
        "within the locality and length of journey extends beyond project life of LP",
        "Need to clarify agenda for project aiming to create a positioning in locality and "
        "develop place for HEI as a long term trusted strategic contributor to the community",
        ["A journey beyond the project", "Clear objectives and scope"],
    ),
    "Coventry and Warwickshire": (
        "Felt that project is on track and helpful to have space to focus discussion and "
        "prioritisation, learning regarding personal nature of relationships and establishing "
        "these in formal/informal settings",
        "Need to leverage funding and social engagement aspect of project so that outcome of "
        "project can be realisable and appreciated to communities, take next steps to make "
        "project of public value",
        ["Trust and relationships"],
    ),
    "Manchester": (
        "Positive about position in relation to other partnerships and helpful to have a "
        "dedicated, collaborative structure and space to hear from alternative perspectives",
        "Need to map relationships of all stakeholders, commit to further research with key "
        "players, important to distil what project will achieve and communicate this with "
        "partners in spirit of collaboration",
        ["Clear objectives and scope"],
    ),
    "Bristol": (
        "Clearer conceptualisation of two strands of work: setting up city officer then "
        "beginning work of wider focus issues, project has acted as a slight reality check "
        "regarding collaborative leadership with political partners and all stakeholders (and "
        "their respective roles in project)",
        "Need to take map out timeline to March and focus on what is achievable within timeframe",
        ["Competing agendas", "Clear objectives and scope"],
    ),
    "Newcastle and Gateshead": (
        "Useful to see diversity of projects, learning how to manage project through LP "
        "process and beyond, co-ownership of project is key",
        "Need to develop rationale for what project is and why and expand on detail, grounding "
        "it in individual organisation and what they are doing already, identifying and "
        "understanding transactional issues on how it can be transformational",
        ["A journey beyond the project", "Buy-in from all partners", "Clear objectives and scope"],
    ),
}
LOCKED_AT = dt.datetime(2016, 12, 1, 12, tzinfo=dt.UTC)  # the report's month: December 2016


@transaction.atomic
def load_round_one_learning():
    cohort = Cohort.objects.select_related("round").get(round__number=1)
    themes = {}
    for position, (name, description, source) in enumerate(KEY_CHALLENGES, 1):
        themes[name], _ = KeyChallenge.objects.update_or_create(
            cohort=cohort,
            name=name,
            defaults={"description": description, "source": source, "position": position},
        )
    for member in cohort.members.all():
        learnt, next_steps, tags = LESSONS[member.partnership_name]
        lessons, _ = Lessons.objects.update_or_create(
            member=member,
            defaults={
                "learnt": learnt,
                "next_steps": next_steps,
                "recorded_on": CONFERENCE_DAY,
                "source": APPENDIX_A,
            },
        )
        if lessons.locked_at is None:
            lessons.locked_at = LOCKED_AT
            lessons.save(update_fields=["locked_at"])
        lessons.key_challenges.set([themes[t] for t in tags])
    Report.objects.update_or_create(
        cohort=cohort,
        defaults={"title": TITLE, "introduction": INTRODUCTION, "source": CONFERENCE_REPORT},
    )
    return cohort
