from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from applications import organisation_review
from applications.models import (
    AuditEvent,
    Bid,
    BidCollaborator,
    BidPartner,
    BidSection,
    BidSubmission,
    District,
    Organisation,
    Region,
    Round,
)
from core.refusals import refusal_message

THRESHOLD_MESSAGES = {
    "max_decimal_places": "Enter the quality threshold with at most 1 decimal place, like 62.5",
    "max_digits": "Enter a quality threshold between 0% and 100%",
    "max_whole_digits": "Enter a quality threshold between 0% and 100%",
    "min_value": "Enter a quality threshold between 0% and 100%",
    "max_value": "Enter a quality threshold between 0% and 100%",
    "invalid": "Enter the quality threshold as a number, like 60 or 62.5",
}


class RoundAdminForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "quality_threshold" in self.fields:
            self.fields["quality_threshold"].error_messages.update(THRESHOLD_MESSAGES)


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    form = RoundAdminForm
    list_display = ["name", "number", "opens_at", "closes_at", "status_label", "cohort_size"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["next_reference_number"]
    fieldsets = (
        (None, {"fields": ("number", "name", "slug", "summary", "reference_prefix")}),
        (
            "Dates (Europe/London)",
            {
                "fields": (
                    "opens_at",
                    "closes_at",
                    "assessment_starts_at",
                    "decisions_at",
                    "announced_at",
                    "programme_starts_on",
                    "programme_ends_on",
                )
            },
        ),
        (
            "Assessment and selection",
            {
                "fields": (
                    "cohort_size",
                    "assessors_per_bid",
                    "spread_threshold",
                    "quality_threshold",
                    "next_reference_number",
                )
            },
        ),
    )

    @admin.display(description="Status")
    def status_label(self, obj):
        return Round.Status(obj.status).label


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]


@admin.action(description="Merge the selected duplicates into the first registry record")
def merge_selected(modeladmin, request, queryset):
    organisations = list(queryset.order_by("-from_registry", "-reviewed", "created_at", "pk"))
    if len(organisations) < 2:
        modeladmin.message_user(request, "Select at least two organisations", messages.ERROR)
        return
    if any(o.merged_into_id for o in organisations):
        modeladmin.message_user(
            request, "Select only organisations that have not been merged", messages.ERROR
        )
        return
    keep, duplicates = organisations[0], organisations[1:]
    try:
        with transaction.atomic():
            for duplicate in duplicates:
                organisation_review.merge(duplicate, keep, request.user)
    except organisation_review.MergeRefused as refused:
        refusal_message(request, refused)
        return
    modeladmin.message_user(request, f"Merged {len(duplicates)} into {keep.name}", messages.SUCCESS)


@admin.action(description="Mark as reviewed")
def mark_reviewed(modeladmin, request, queryset):
    updated = 0
    with transaction.atomic():
        for organisation in queryset:
            updated += organisation_review.mark_reviewed(organisation, request.user)
    modeladmin.message_user(request, f"{updated} marked as reviewed", messages.SUCCESS)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "ons_code",
        "ukprn",
        "region",
        "reviewed",
        "merged_into",
        "bid_count",
    ]
    list_filter = ["kind", "reviewed", "from_registry", "region", "closed"]
    list_select_related = ["region", "merged_into"]
    search_fields = ["name", "synonyms", "ons_code", "ukprn"]
    actions = [merge_selected, mark_reviewed]
    raw_id_fields = ["merged_into", "district", "created_by"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(bid_count=Count("bid_partnerships", distinct=True))
        )

    @admin.display(description="Bids", ordering="bid_count")
    def bid_count(self, obj):
        return obj.bid_count


class BidSectionInline(admin.TabularInline):
    model = BidSection
    extra = 0
    readonly_fields = ["step", "is_complete", "version", "updated_by", "updated_at"]
    fields = readonly_fields


class BidPartnerInline(admin.TabularInline):
    model = BidPartner
    extra = 0
    raw_id_fields = ["organisation"]


class BidCollaboratorInline(admin.TabularInline):
    model = BidCollaborator
    extra = 0
    raw_id_fields = ["user"]


class BidSubmissionInline(admin.TabularInline):
    model = BidSubmission
    extra = 0
    fields = ["version", "submitted_at", "submitted_by"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Bid)
class BidAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "round",
        "place_name",
        "lead_organisation",
        "status",
        "screening",
        "region",
        "theme",
        "submitted_at",
        "staff_page",
    ]
    list_filter = ["round", "status", "screening", "region", "theme", "overlaps_earlier_cohort"]
    list_select_related = ["round", "lead_organisation", "region"]
    search_fields = ["reference", "place_name", "title", "lead_organisation__name"]
    raw_id_fields = ["created_by", "lead_organisation", "screened_by"]
    readonly_fields = ["reference", "first_submitted_at", "submitted_at", "staff_page"]
    filter_horizontal = ["districts"]
    date_hierarchy = "created_at"
    inlines = [BidPartnerInline, BidCollaboratorInline, BidSectionInline, BidSubmissionInline]

    @admin.display(description="In the service")
    def staff_page(self, obj):
        if obj.pk is None:
            return ""
        return format_html(
            '<a href="{}">View bid</a>', reverse("applications:staff_bid", kwargs={"pk": obj.pk})
        )


@admin.register(BidSubmission)
class BidSubmissionAdmin(admin.ModelAdmin):
    list_display = ["bid", "version", "submitted_at", "submitted_by"]
    list_select_related = ["bid", "submitted_by"]
    search_fields = ["bid__reference", "bid__place_name"]
    readonly_fields = ["bid", "version", "submitted_at", "submitted_by", "answers"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "actor_email", "bid_reference", "subject"]
    list_filter = ["action", "round"]
    search_fields = ["action", "subject", "bid_reference", "actor_email"]
    readonly_fields = [
        "at",
        "actor",
        "actor_email",
        "action",
        "round",
        "round_slug",
        "bid",
        "bid_reference",
        "subject",
        "old",
        "new",
        "note",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
