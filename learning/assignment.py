"""Who reviews whom in a peer review: the assessors' assignment plan
(scoring.rules.assignment_plan.plan, pure) with partnerships on both sides. A partnership
is "in conflict" with itself only, so every partnership gets min(peers, others taking part)
reviewers and the number of reviews each writes is as even as possible (the plan minimises
the sum of squares of the loads; see its docstring). Pure: plain ids in, pairs out."""

from dataclasses import dataclass

from scoring.rules.assignment_plan import plan


@dataclass(frozen=True)
class ReviewPlan:
    pairs: list  # [(reviewer, reviewed)] in the order of the partnerships given
    wanted: int
    short: dict  # reviewed -> reviewers it gets, for those below `wanted`
    loads: dict  # reviewer -> how many partnerships it reviews


def reviewers_for(partnerships, peers):
    """partnerships: ids in a stable order (ties go to the earlier); peers: reviewers wanted
    for each."""
    partnerships = list(dict.fromkeys(partnerships))
    result = plan(
        partnerships, partnerships, {(p, p) for p in partnerships}, existing=[], quota=peers
    )
    pairs = [(reviewer, reviewed) for reviewed, reviewer in result.new]
    got = dict.fromkeys(partnerships, 0)
    for _, reviewed in pairs:
        got[reviewed] += 1
    return ReviewPlan(
        pairs=pairs,
        wanted=peers,
        short={p: n for p, n in got.items() if n < peers},
        loads=result.loads,
    )
