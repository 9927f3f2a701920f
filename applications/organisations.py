"""The organisation registry: search, typed-in anchor institutions, merging duplicates."""

from django.db import transaction
from django.db.models import Q

from applications import audit
from applications.constants import COUNCIL_KINDS, OrganisationKind
from applications.models import BidPartner, Organisation

# The words around a place's name in a council's name: "Sheffield City Council",
# "London Borough of Camden", "Royal Borough of Greenwich", "Cornwall Council". The
# registry (ONS) names councils by place ("Sheffield", "Camden", "Bristol, City of"), so
# search sets these words aside on both sides. Longest first.
COUNCIL_PREFIXES = (
    "metropolitan borough of ",
    "london borough of ",
    "royal borough of ",
    "city and county of ",
    "council of the ",
    "borough of ",
    "county of ",
    "city of ",
    "county ",
    "the ",
)
COUNCIL_SUFFIXES = (
    " metropolitan borough council",
    " metropolitan district council",
    " unitary authority",
    " borough council",
    " county council",
    " district council",
    " city council",
    " corporation",
    " council",
)
_PUNCTUATION = str.maketrans({".": "", "'": "", "’": "", "(": " ", ")": " "})


def name_key(name):
    """A name as search compares it: lower case, "&" as "and", no full stops or
    apostrophes, single spaces ("St. Helens" and "st helens" are the same)."""
    text = (name or "").lower().replace("&", " and ").translate(_PUNCTUATION)
    return " ".join(text.split())


def council_key(name):
    """The place in a council's name, the one rule every organisation search uses:
    "Sheffield City Council", "sheffield" and the registry's "Sheffield" are all
    "sheffield"; "Bristol, City of" and "Bristol City Council" are "bristol"."""
    key = name_key(name)
    for inverted in (", city of", ", county of"):  # the ONS style: "Bristol, City of"
        if key.endswith(inverted):
            key = key[: -len(inverted)]
    key = " ".join(key.replace(",", " ").split())
    changed = True
    while changed:
        changed = False
        for prefix in COUNCIL_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                key, changed = key[len(prefix) :], True
        for suffix in COUNCIL_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix):
                key, changed = key[: -len(suffix)], True
    return key


def institution_keys(organisation):
    """The names a higher education institution is known by (its name and the registry's
    synonyms), as keys; "The" at the start does not count."""
    names = [organisation.name, *split_synonyms(organisation.synonyms)]
    keys = set()
    for name in names:
        key = name_key(name)
        keys.add(key)
        if key.startswith("the "):
            keys.add(key[4:])
    return keys


SYNONYM_SEPARATOR = "; "


def split_synonyms(text):
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def keys_of(organisation):
    """Every key a typed name can match this organisation on."""
    if organisation.kind in COUNCIL_KINDS:
        return {name_key(organisation.name), council_key(organisation.name)}
    if organisation.kind == OrganisationKind.HIGHER_EDUCATION:
        return institution_keys(organisation)
    return {name_key(organisation.name)}


def typed_keys(name):
    """The keys a typed name is looked up by: as typed, without "The", and its place."""
    key = name_key(name)
    keys = [key]
    if key.startswith("the "):
        keys.append(key[4:])
    keys.append(council_key(name))
    return keys


class OrganisationIndex:
    """The live organisations by every key they match on (one query), to find what each
    typed name means: `index.find("Sheffield City Council")` is the council for Sheffield,
    `index.find("University of Sheffield")` is The University of Sheffield."""

    def __init__(self, kinds=None, include_closed=False):
        qs = Organisation.objects.filter(merged_into__isnull=True)
        if not include_closed:
            qs = qs.filter(closed=False)
        if kinds:
            qs = qs.filter(kind__in=kinds)
        self.by_name = {}
        self.by_key = {}
        for organisation in qs.order_by("-from_registry", "pk"):
            self.by_name.setdefault(name_key(organisation.name), []).append(organisation)
            for key in keys_of(organisation):
                self.by_key.setdefault(key, []).append(organisation)

    def find(self, name):
        """The organisations `name` can mean, best first: its exact name (registry first),
        else the one organisation whose place or other name it is. An other name two
        organisations share ("University of London") picks neither."""
        exact = self.by_name.get(name_key(name))
        if exact:
            return list(exact)
        for key in typed_keys(name):
            found = self.by_key.get(key) or []
            unique = list(dict.fromkeys(found))
            # One organisation, or one of each kind (the row's type then chooses).
            if unique and len({o.kind for o in unique}) == len(unique):
                return unique
        return []


def partner_name(organisation, typed):
    """The name a partner is shown by: a council's as the partnership writes it
    ("Sheffield City Council"; the registry names only the place, "Sheffield"), an
    institution's as the registry has it ("University of Sheffield" is The University of
    Sheffield), and an organisation not in the registry as typed."""
    typed = " ".join((typed or "").split())
    if organisation is None:
        return typed
    if organisation.kind in COUNCIL_KINDS and organisation.from_registry:
        return typed or organisation.name
    return organisation.name


def find(name, kinds=None):
    """The organisations a typed name can mean (see OrganisationIndex.find)."""
    return OrganisationIndex(kinds).find(name)


def search(query, kinds=None, limit=20):
    """Registry organisations whose name, synonyms or code match, best matches first. A
    council is also found by what people call it ("Leeds City Council" finds Leeds)."""
    query = (query or "").strip()
    qs = Organisation.objects.filter(merged_into__isnull=True, closed=False)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    if query:
        place = council_key(query)
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(synonyms__icontains=query)
            | Q(ons_code__iexact=query)
            | Q(ukprn=query)
            | Q(kind__in=COUNCIL_KINDS, name__icontains=place)
        )
    return list(qs.order_by("name")[:limit])


def find_or_create_other(name, created_by):
    """An anchor institution typed in by an applicant; reused when the same name exists."""
    name = " ".join(name.split())
    existing = (
        Organisation.objects.filter(name__iexact=name, merged_into__isnull=True)
        .order_by("-from_registry", "pk")
        .first()
    )
    if existing:
        return existing
    return Organisation.objects.create(
        name=name, kind=OrganisationKind.OTHER, created_by=created_by, reviewed=False
    )


# Functions other apps register (their AppConfig.ready) to follow a merge in the same
# transaction: each is called as f(duplicate, keep, actor) after every reference has moved
# and returns a list of lines for the report (scoring: assignments that became conflicts).
_AFTER_MERGE = []


def after_merge(function):
    if function not in _AFTER_MERGE:
        _AFTER_MERGE.append(function)
    return function


def _is_history(model):
    return hasattr(model, "instance_type")  # simple-history's copies keep the old value


def _move_references(duplicate, keep):
    """Every other reference to `duplicate` (in any app: bid leads, cohort members,
    assessors' and chairs' recorded organisations, programme leaders, ...) points at
    `keep`; a many-to-many owner that already had `keep` just loses `duplicate`. Found
    from the model's relations, so a new reference cannot be forgotten. Returns
    {what: how many} for the audit record."""
    moved = {}
    for rel in Organisation._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue
        model = rel.related_model
        if model in (Organisation, BidPartner) or _is_history(model):
            continue
        if not rel.many_to_many and model._meta.auto_created:
            continue  # a many-to-many's own table: moved with the many-to-many below
        label = f"{model._meta.verbose_name_plural} ({rel.field.verbose_name})"
        if rel.many_to_many:
            through = rel.through
            owner = rel.field.m2m_field_name()
            target = rel.field.m2m_reverse_field_name()
            rows = through.objects.filter(**{target: duplicate})
            owners = list(rows.values_list(f"{owner}_id", flat=True))
            if not owners:
                continue
            already = set(
                through.objects.filter(**{target: keep, f"{owner}_id__in": owners}).values_list(
                    f"{owner}_id", flat=True
                )
            )
            rows.filter(**{f"{owner}_id__in": already}).delete()
            through.objects.filter(**{target: duplicate}).update(**{target: keep})
            moved[label] = len(owners)
        elif rel.one_to_many or rel.one_to_one:
            count = model.objects.filter(**{rel.field.name: duplicate}).update(
                **{rel.field.name: keep}
            )
            if count:
                moved[label] = count
    return moved


@transaction.atomic
def merge_organisations(duplicate, keep, actor=None):
    """Point every reference at `keep`, mark `duplicate` as merged into it, and let the
    apps that follow merges re-derive what depends on it (conflicts of interest), all in
    one transaction with one audit record. Returns the report's lines."""
    if duplicate.pk == keep.pk:
        raise ValueError("Cannot merge an organisation into itself")
    partners = 0
    for partner in BidPartner.objects.filter(organisation=duplicate).select_related("bid"):
        if BidPartner.objects.filter(bid=partner.bid, organisation=keep).exists():
            partner.delete()
        else:
            partner.organisation = keep
            partner.save(update_fields=["organisation"])
        partners += 1
    moved = _move_references(duplicate, keep)
    # Partners and assessors' organisations (conflicts) are inputs of the ranking; the
    # references were moved in bulk.
    from scoring.select.inputs import note_change

    note_change("applications.Organisation merge")
    if partners:
        moved["bid partners"] = partners
    Organisation.objects.filter(merged_into=duplicate).update(merged_into=keep)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    report = []
    for follow in _AFTER_MERGE:
        report.extend(follow(duplicate, keep, actor))
    audit.record(
        "organisation.merged",
        actor,
        subject=f"Organisation {duplicate.pk}",
        old={"id": duplicate.pk, "name": duplicate.name},
        new={"id": keep.pk, "name": keep.name, "moved": moved},
        note="; ".join(report),
    )
    return report
