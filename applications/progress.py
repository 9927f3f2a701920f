"""Where a bid's form has got to: each section's status and which sections may be started.

Eligibility comes first: until it is completed (and answered "yes" to every question)
no other section can be started. "Check answers and submit" cannot start until every
section is complete.
"""

from applications.answers import SECTIONS, STEP_NAMES

NOT_STARTED = "Not started"
IN_PROGRESS = "In progress"
COMPLETED = "Completed"
CANNOT_START = "Cannot start yet"
SUBMITTED = "Submitted"

FIRST_STEP = "eligibility"


def clean_data(data):
    """A section's answers without the working keys (`_draft`, ...)."""
    return {key: value for key, value in (data or {}).items() if not key.startswith("_")}


def answers_of(sections):
    """{step: cleaned answers} from {step: BidSection}."""
    return {step: clean_data(section.data) for step, section in sections.items()}


def is_eligible(sections):
    section = sections.get(FIRST_STEP)
    return bool(section and section.is_complete)


def can_start(step, sections):
    return step == FIRST_STEP or is_eligible(sections)


def all_complete(sections):
    return all(sections.get(step) and sections[step].is_complete for step in STEP_NAMES)


def section_status(step, sections):
    if not can_start(step, sections):
        return CANNOT_START
    section = sections.get(step)
    if section is None:
        return NOT_STARTED
    return COMPLETED if section.is_complete else IN_PROGRESS


def task_list(sections, submitted=False):
    """[(step, title, status)] for the seven sections, then the check-and-submit task."""
    items = [(step, title, section_status(step, sections)) for step, title in SECTIONS]
    if submitted:
        final = SUBMITTED
    elif all_complete(sections):
        final = NOT_STARTED
    else:
        final = CANNOT_START
    items.append(("check", "Check answers and submit", final))
    return items


def last_saved(sections):
    """The section saved most recently, or None."""
    saved = [s for s in sections.values() if s.version]
    return max(saved, key=lambda s: s.updated_at) if saved else None
