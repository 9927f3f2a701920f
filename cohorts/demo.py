"""Demo data for `make run`: round 1's pilots are the published cohort on /cohorts/, and
the demo round gets its decision email templates. Nothing here touches the open round's
bids or decisions; running it again changes nothing."""

from cohorts import emails
from cohorts.pilots import load_round_one
from cohorts.publication import published_cohorts


def load(round_, stdout):
    load_round_one()
    emails.templates_for(round_)
    names = ", ".join(c.name for c in published_cohorts())
    stdout.write(f"Published cohorts on /cohorts/: {names or 'none'}")
