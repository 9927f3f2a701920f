"""Rounds with chosen weights and scores, and the figure each page, export and PDF shows for a
bid (issue 11: one figure per bid, the same string everywhere)."""

import csv
import datetime as dt
import io
import re
import shutil
import subprocess

from django.urls import reverse
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from applications.models import Bid, Region
from scoring.models import Assessment, Assignment, Criterion, ModeratedScore, Score

PERCENT = r"(?:\d+\.\d%|Not yet complete)"


def scored_round(round_, weights, bids, names=None, quota=None, moderator=None):
    """Criteria with `weights` (in order; the first is "Strength of partnership" unless `names`
    say otherwise) and one eligible bid per entry of `bids`: (reference, region name,
    [each assessor's scores], {criterion index: moderated score}). Made with bulk_create."""
    if quota is not None:
        round_.assessors_per_bid = quota
        round_.save(update_fields=["assessors_per_bid"])
    names = names or ["Strength of partnership", "Place and geography", "Deliverability"]
    criteria = [
        Criterion.objects.create(round=round_, position=i, name=names[i], weight=w)
        for i, w in enumerate(weights)
    ]
    creator = User.objects.filter(email="figures-applicant@example.com").first()
    creator = creator or User.objects.create_user(email="figures-applicant@example.com")
    most = max((len(given) for _, _, given, _ in bids), default=0)
    assessors = []
    for i in range(most):
        email = f"figures-assessor{i}@example.com"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, full_name=f"Assessor {i + 1}")
            permissions.add_role(user, permissions.ASSESSOR)
        assessors.append(user)
    regions = {r.name: r for r in Region.objects.all()}
    now = timezone.now()
    made = Bid.objects.bulk_create(
        Bid(
            round=round_,
            reference=reference,
            status=Bid.Status.SUBMITTED,
            screening=Bid.Screening.ELIGIBLE,
            created_by=creator,
            submitted_at=now,
            first_submitted_at=now - dt.timedelta(minutes=index),
            place_name=f"Place {reference}",
            region=regions[region],
        )
        for index, (reference, region, _, _) in enumerate(bids)
    )
    for bid, (_, _, given, moderated) in zip(made, bids, strict=True):
        assignments = Assignment.objects.bulk_create(
            Assignment(bid=bid, assessor=a) for a in assessors[: len(given)]
        )
        assessments = Assessment.objects.bulk_create(
            Assessment(
                assignment=a, status=Assessment.Status.SUBMITTED, submitted_at=now, version=1
            )
            for a in assignments
        )
        Score.objects.bulk_create(
            Score(assessment=assessment, criterion=c, score=s)
            for assessment, scores in zip(assessments, given, strict=True)
            for c, s in zip(criteria, scores, strict=True)
        )
        if moderated:
            ModeratedScore.objects.bulk_create(
                ModeratedScore(
                    bid=bid,
                    criterion=criteria[index],
                    score=score,
                    rationale="Agreed by the panel",
                    moderated_by=moderator,
                )
                for index, score in moderated.items()
            )
    return criteria, made


def _squash(html):
    return re.sub(r"\s+", " ", html)


def _row(html, table_id, reference):
    """The HTML of the row of `table_id` headed by `reference`."""
    table = html.split(f'id="{table_id}"')[1].split("</table>")[0]
    for row in table.split('<tr class="govuk-table__row">')[1:]:
        if re.search(rf">{re.escape(reference)}<", row):
            return row
    return None


def _cells(row):
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def ranking_figures(client, round_):
    """{reference: the Total cell} of the ranking page, ranked and listed separately, and
    {reference: the text of the ranked row} (rule and proposal line)."""
    url = reverse("scoring:select_ranking", kwargs={"round_slug": round_.slug})
    html = _squash(client.get(url, {"page": 1}).content.decode())
    figures, texts = {}, {}
    for table_id in ("ranking", "excluded"):
        table = html.split(f'id="{table_id}"')[1].split("</table>")[0]
        for row in table.split('<tr class="govuk-table__row">')[1:]:
            found = re.search(r'<span class="lp-nowrap">([^<]+)</span>', row)
            if not found:
                continue
            reference = found.group(1)
            cells = _cells(row)
            total = next(c for c in cells if re.fullmatch(PERCENT + r"(raw " + PERCENT + ")?", c))
            figures[reference] = re.match(PERCENT, total).group(0)
            texts[reference] = re.sub(r"<[^>]+>", " ", row)
    return figures, texts, html


def dashboard_figures(client):
    """{reference: weighted total cell} of the moderation dashboard."""
    html = _squash(client.get(reverse("scoring:moderation")).content.decode())
    table = html.split("<tbody")[1].split("</tbody>")[0]
    result = {}
    for row in table.split('<tr class="govuk-table__row">')[1:]:
        reference = re.search(r'href="[^"]+">([^<]+)</a>', row).group(1)
        result[reference] = next(c for c in _cells(row) if re.fullmatch(PERCENT, c))
    return result


def csv_rows(client, round_):
    url = reverse("scoring:select_csv", kwargs={"round_slug": round_.slug})
    content = client.get(url).content.decode("utf-8-sig")
    return {row["Reference"]: row for row in csv.DictReader(io.StringIO(content))}


def pdf_text(client, round_):
    """The panel report's text (pdftotext), whitespace squashed."""
    url = reverse("scoring:select_pdf", kwargs={"round_slug": round_.slug})
    pdf = client.get(url).content
    assert shutil.which("pdftotext"), "pdftotext (Debian poppler-utils) is needed"
    done = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return _squash(done.stdout.decode())
