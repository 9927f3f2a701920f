# Criteria, assignments, conflicts, scores, moderation and selection: see the assessment issue.
