"""Demo data for `make run`: the demo round's selection settings. Only some demo bids are
fully assessed, so the demo asks for a cohort of 2 up to the round's size, at most 2 per
region (a fixed size of 8 would have no possible cohort yet). Default tie-break rules,
calibration off. Decisions are left to the panel chair."""

from scoring.select import selection


def load(round_, stdout):
    settings, created = selection.ensure_settings(round_)
    if created:
        settings.size_min = 2
        settings.size_max = round_.cohort_size
        settings.max_per_region = 2
        settings.save(update_fields=["size_min", "size_max", "max_per_region"])
        stdout.write(
            f"Selection settings for {round_.name}: a cohort of 2 to {settings.size_max}, "
            f"at most 2 per region, quality threshold {settings.quality_threshold}%"
        )
