"""Demo data for `make run`: the demo round's default selection settings (cohort size and
quality threshold from the round, default tie-break rules, calibration off). Decisions are
left to the panel chair."""

from scoring import selection


def load(round_, stdout):
    settings, created = selection.ensure_settings(round_)
    if created:
        stdout.write(
            f"Selection settings for {round_.name}: a cohort of {settings.size_min}, "
            f"quality threshold {settings.quality_threshold}%"
        )
