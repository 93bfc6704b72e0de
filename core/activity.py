"""Who did what and when, read from django-simple-history rows of several models at once.

Each source is a historical queryset, a kind (a short key) and the expression that names the
object; ``history_feed`` unites them into one queryset ordered newest first, so that a page of
activity is one query whatever the number of sources, and a paginator can count it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import CharField, Expression, F, QuerySet, Value
from django.db.models.functions import Cast

COLUMNS = ("a_when", "a_person", "a_change", "a_what", "a_label", "a_note")


@dataclass(frozen=True)
class Source:
    """Rows of one kind: a historical model by default, or any rows naming when and who."""

    kind: str
    rows: QuerySet  # already limited to what the reader may see
    label: Expression | str  # names the object in each row
    note: str | None = "history_change_reason"
    when: str = "history_date"
    person: str = "history_user_id"
    change: str | None = "history_type"  # None: every row is a creation ("+")


def history_feed(
    sources: list[Source], *, person_id: int | None = None, kind: str = ""
) -> QuerySet | None:
    """The rows of every source (of one ``kind``, by one person if asked), newest first."""
    chosen = [source for source in sources if not kind or source.kind == kind]
    parts = []
    for source in chosen:
        rows = source.rows
        if person_id is not None:
            rows = rows.filter(**{source.person: person_id})
        label = F(source.label) if isinstance(source.label, str) else source.label
        text = CharField()
        parts.append(
            rows.order_by()
            .annotate(
                a_when=F(source.when),
                a_person=F(source.person),
                a_change=Cast(F(source.change), text) if source.change else Value("+", text),
                a_what=Value(source.kind, output_field=text),
                a_label=Cast(label, text),
                a_note=Cast(F(source.note), text) if source.note else Value("", text),
            )
            .values_list(*COLUMNS)
        )
    if not parts:
        return None
    first, *rest = parts
    feed = first.union(*rest, all=True) if rest else first
    return feed.order_by("-a_when")


@dataclass
class Entry:
    when: object
    person: object
    change: str  # "+" created, "~" changed, "-" deleted
    kind: str
    label: str
    note: str


def entries(rows, people_by_id: dict) -> list[Entry]:
    """Rows of a feed page as entries, each with its person (looked up once for the page)."""
    return [
        Entry(when, people_by_id.get(user_id), change, what, label or "", note or "")
        for when, user_id, change, what, label, note in rows
    ]


def people_of(rows) -> dict:
    from django.apps import apps

    ids = {row[1] for row in rows if row[1] is not None}
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return {person.pk: person for person in user_model.objects.filter(pk__in=ids)}


PER_PAGE = 50


def activity_page(request, sources: list[Source], kinds: list[tuple[str, str]]) -> dict:
    """The context of an activity page: the filter (``pessoa``, ``tipo``) and one page of
    entries, in a fixed number of queries."""
    from django.apps import apps
    from django.core.paginator import Paginator
    from django.utils.http import urlencode

    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    raw_person = request.GET.get("pessoa", "")
    person_id = int(raw_person) if raw_person.isdigit() and len(raw_person) < 12 else None
    kind = request.GET.get("tipo", "")
    kind = kind if kind in dict(kinds) else ""
    feed = history_feed(sources, person_id=person_id, kind=kind)
    page = Paginator(feed if feed is not None else [], PER_PAGE).get_page(request.GET.get("pagina"))
    rows = list(page.object_list)
    return {
        "page": page,
        "entries": entries(rows, people_of(rows)),
        "people": user_model.objects.filter(is_active=True).order_by("full_name", "pk"),
        "kinds": kinds,
        "chosen_person": person_id,
        "chosen_kind": kind,
        "page_query": urlencode({"pessoa": person_id or "", "tipo": kind}),
    }
