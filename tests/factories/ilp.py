"""The cohort proposal as an integer programme solved by CBC (PuLP): the cross-check of the
exact search in the tests and in `make bench` (rank.propose_worst)."""

import warnings

import pulp


def ilp_optimum(candidates, c):
    problem = pulp.LpProblem("cohort", pulp.LpMaximize)
    x = [problem.add_variable(f"x{i}", cat="Binary") for i in range(len(candidates))]
    problem += pulp.lpSum(float(cand.total) * x[i] for i, cand in enumerate(candidates))
    problem += pulp.lpSum(x) >= c.size_min
    problem += pulp.lpSum(x) <= c.upper
    regions = sorted({cand.region for cand in candidates})
    covered = {r: problem.add_variable(f"y{j}", cat="Binary") for j, r in enumerate(regions)}
    for r in regions:
        in_region = [x[i] for i, cand in enumerate(candidates) if cand.region == r]
        problem += covered[r] <= pulp.lpSum(in_region)
        if c.max_per_region is not None:
            problem += pulp.lpSum(in_region) <= c.max_per_region
    if c.min_regions is not None:
        problem += pulp.lpSum(covered.values()) >= c.min_regions
    if c.max_overlap is not None:
        overlapping = [x[i] for i, cand in enumerate(candidates) if cand.overlaps_earlier]
        problem += pulp.lpSum(overlapping) <= c.max_overlap
    for i, cand in enumerate(candidates):
        if cand.reference in c.pinned_in:
            problem += x[i] == 1
        if cand.reference in c.pinned_out:
            problem += x[i] == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        problem.solve(pulp.PULP_CBC_CMD(msg=False))
    if pulp.LpStatus[problem.status] != "Optimal":
        return None
    return pulp.value(problem.objective)
