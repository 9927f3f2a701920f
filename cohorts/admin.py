from django.contrib import admin

from cohorts.models import Cohort, CohortMember


class CohortMemberInline(admin.StackedInline):
    model = CohortMember
    extra = 0
    raw_id_fields = ["bid"]
    filter_horizontal = ["organisations", "districts"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "round", "starts_on", "publish_at"]
    inlines = [CohortMemberInline]
