"""Forms of learning and evaluation. Each only reads and tidies what was typed; the domain
functions decide what is allowed (and say why, beside the field)."""

from django import forms

from applications.forms.fields import WordLimitedField
from core.dates import format_date
from core.forms import GovUKDateField
from learning import evaluation, lessons, peer_review, reviews
from learning.models import Rating
from learning.next_round import DATE_FIELDS


def _date(label, required=True, help_text="For example, 27 3 2027"):
    """GOV.UK's day, month and year boxes (core.forms.GovUKDateField)."""
    return GovUKDateField(
        label=label,
        subject=label,
        required=required,
        help_text=help_text,
        error_messages={"required": f"Enter the date: {label.lower()}"},
    )


class OpenReviewForm(forms.Form):
    event = forms.ChoiceField(
        label="Which event of the calendar is the peer review for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the event"},
    )
    peers_each = forms.IntegerField(
        label="How many peers review each partnership?",
        min_value=1,
        max_value=20,
        initial=2,
        error_messages={
            "required": "Enter how many peers review each partnership",
            "invalid": "Enter a whole number, like 2",
            "min_value": "Enter how many peers review each partnership, 1 or more",
            "max_value": "Enter 20 or fewer",
        },
    )
    anonymous = forms.BooleanField(
        label="Keep the reviewers anonymous",
        help_text="Peer challenge is open by default: the reviewed partnership sees who wrote "
        "each review. Tick this to hide the names from it (staff still see them).",
        required=False,
    )

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.events = {str(e.pk): e for e in events}
        self.fields["event"].choices = [
            (k, f"{e.title}, {format_date(e.starts_at, weekday=False)}")
            for k, e in self.events.items()
        ]
        self.fields["peers_each"].govuk = {"width": 2}
        self.fields["event"].govuk = {"legend_size": "m"}

    def event_object(self):
        return self.events.get(self.cleaned_data["event"])


class PitchForm(forms.Form):
    pitch = WordLimitedField(
        label="Your short pitch",
        help_text="Like the conference's elevator pitch: what your project is and where it is "
        "going. Your peers also see your challenge and the timeline of your plan.",
        max_words=peer_review.PITCH_WORDS,
        limit_name="The pitch",
        required_message="Enter your partnership's short pitch",
    )


def _review_field(name, label, hint):
    return WordLimitedField(
        label=label,
        help_text=hint,
        max_words=reviews.WORDS,
        limit_name=reviews.LABELS[name],
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReviewForm(forms.Form):
    strengths = _review_field("strengths", "What is strong", "What the partnership does well")
    challenge = _review_field(
        "challenge", "One challenge to the partnership", "A friendly critique: one question or risk"
    )
    support = _review_field(
        "support", "One offer of support", "Something your partnership can offer them"
    )


class ThemeForm(forms.Form):
    name = forms.CharField(
        label="Key challenge",
        max_length=120,
        help_text="For example, Trust, Buy-in, Time of senior leaders or Shared language",
        error_messages={"required": "Enter the key challenge, for example Trust"},
    )
    description = forms.CharField(
        label="Description (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class TagForm(forms.Form):
    key_challenges = forms.MultipleChoiceField(
        label="Key challenges of collaborative working",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = {str(t.pk): t for t in themes}
        self.fields["key_challenges"].choices = [(k, t.name) for k, t in self.themes.items()]

    def chosen(self):
        return [self.themes[k] for k in self.cleaned_data["key_challenges"] if k in self.themes]


class LessonsForm(forms.Form):
    learnt = WordLimitedField(
        label="A. What the partnership learnt",
        help_text="About collaborative working and your project",
        max_words=lessons.WORDS,
        limit_name="What the partnership learnt",
        required_message="Enter what the partnership learnt",
    )
    next_steps = WordLimitedField(
        label="B. What it needs to do next",
        max_words=lessons.WORDS,
        limit_name="What it needs to do next",
        required_message="Enter what the partnership needs to do next",
    )
    recorded_on = _date(
        "Date of the lessons",
        help_text="For example, the day of the peer review. Today or earlier.",
    )


class EvaluationForm(forms.Form):
    """One rating (radios) and evidence per carried-over item, then the two statements."""

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for number, item in enumerate(self.items, 1):
            rating = forms.ChoiceField(
                label=f"{number}. {item.get_kind_display()}: {item.text}",
                choices=Rating.choices,
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": "Select a rating from the list"},
            )
            rating.govuk = {"legend_size": "s"}
            self.fields[evaluation.field_name(item, "rating")] = rating
            self.fields[evaluation.field_name(item, "evidence")] = forms.CharField(
                label=f"Evidence for {number}",
                help_text="What shows the progress: a result, a decision, a document",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=5000,
            )
            self.initial.setdefault(evaluation.field_name(item, "rating"), item.rating)
            self.initial.setdefault(evaluation.field_name(item, "evidence"), item.evidence)
        self.fields["overall"] = forms.CharField(
            label="Overall statement",
            help_text="The progress made against your priority challenge",
            widget=forms.Textarea(attrs={"rows": 5}),
            required=False,
            max_length=5000,
        )
        self.fields["after_programme"] = forms.CharField(
            label="What will your partnership do after the programme?",
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
            max_length=5000,
        )

    def answers(self):
        data = self.cleaned_data
        return {
            item.pk: evaluation.ItemAnswer(
                data.get(evaluation.field_name(item, "rating")) or "",
                data.get(evaluation.field_name(item, "evidence")) or "",
            )
            for item in self.items
        }


class ReportForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the title of the report"}
    )
    introduction = forms.CharField(
        label="Introduction",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        required=False,
    )


class PublishForm(forms.Form):
    """The tick box confirming the partnerships listed (their ids come back in `missing`,
    as shown on the page) may be left without lessons."""

    publish_without = forms.BooleanField(
        label="Publish without the lessons of the partnerships listed", required=False
    )

    def confirmed(self, missing):
        if not self.cleaned_data.get("publish_without"):
            return ()
        return [int(i) for i in (missing or "").split(",") if i.isdigit()]


class NextRoundForm(forms.Form):
    name = forms.CharField(label="Name of the new round", max_length=120)
    slug = forms.SlugField(
        label="Web address name",
        help_text="Lower-case letters, numbers and hyphens, like round-3",
        max_length=50,
        error_messages={"invalid": "Use only lower-case letters, numbers and hyphens"},
    )
    reference_prefix = forms.CharField(
        label="Reference prefix", help_text="For example LP3", max_length=10
    )

    def __init__(self, *args, required_dates=(), **kwargs):
        super().__init__(*args, **kwargs)
        for _, form_field, label in DATE_FIELDS:
            self.fields[form_field] = _date(label, required=form_field in required_dates)
        for name in ("name", "slug", "reference_prefix"):
            self.fields[name].error_messages["required"] = (
                f"Enter the {self.fields[name].label.lower()}"
            )
        self.fields["reference_prefix"].govuk = {"width": 5}
        self.fields["slug"].govuk = {"width": 20}
