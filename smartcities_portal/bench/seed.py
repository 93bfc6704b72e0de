"""Seed the bench's data sets fast: bulk writes that still leave one history row per version.

Writing through the services manages a few versions per second, so the scale set (3 deliverables
× 150 sections × 40 versions, 2,000 contributions, 100 meetings, 20 releases) would take an
hour. Here every table is written with ``bulk_create`` and every versioned model gets its
history rows built directly (``bulk_create_with_history`` or ``HistoricalSection`` rows), as a
save through the service would have left them. Seeding only tops up: growing the small set to
the scale set adds what is missing, so both sizes are measured in one database.
"""

import itertools
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from contributions.models import Call, Contribution, Organisation, Region
from core.markup import count_words
from governance.demo import seed_demo_accounts
from governance.models import AgendaItem, Meeting, Role, User
from strategy.models import (
    Comment,
    Deliverable,
    PdfRender,
    Release,
    Section,
    SectionUserObjectPermission,
)

BENCH_PASSWORD = "bench-portal-2022"  # noqa: S105 -- throwaway accounts of a throwaway database
CHAPTER = 5  # every fifth section is a chapter; the four after it are its subsections
PARAGRAPH = (
    "A estratégia apoia a implementação local de territórios inteligentes, com serviços públicos "
    "autárquicos centrados nas pessoas, inclusivos, sustentáveis e interoperáveis. O planeamento "
    "integrado permite captar sinergias entre iniciativas, melhorar a decisão e otimizar a "
    "despesa pública, assegurando a partilha de experiências entre municípios."
)


@dataclass(frozen=True)
class Size:
    name: str
    sections: int  # per deliverable
    versions: int  # per section
    contributions: int
    meetings: int
    releases: int


SMALL = Size("small", sections=10, versions=3, contributions=40, meetings=5, releases=3)
SCALE = Size("scale", sections=150, versions=40, contributions=2000, meetings=100, releases=20)


@dataclass(frozen=True)
class People:
    secretariat: User
    representatives: list[User]
    specialist: User
    contact: User


def section_body(section_number: int, revision: int) -> str:
    """About 200 words in three paragraphs; each revision changes a few words."""
    return "\n\n".join(
        [
            f"### Ponto {section_number}\n\n{PARAGRAPH}",
            f"Revisão {revision}: {PARAGRAPH}",
            f"{PARAGRAPH} Meta {revision * 3 + section_number % 7} municípios abrangidos.",
        ]
    )


def people() -> People:
    """The demo accounts (made once): the bench signs in as them."""
    if not User.objects.filter(email="secretariado@empd.example").exists():
        seed_demo_accounts(password=BENCH_PASSWORD)
    by_email = {user.email: user for user in User.objects.all()}
    return People(
        secretariat=by_email["secretariado@empd.example"],
        representatives=list(
            User.objects.filter(role=Role.REPRESENTATIVE, is_active=True).order_by("email")
        ),
        specialist=by_email["especialista@dgt.example"],
        contact=by_email["contacto@organizacao.example"],
    )


@transaction.atomic
def seed(size: Size) -> People:
    """Top the database up to ``size``; return the people to sign in as."""
    cast = people()
    for deliverable in Deliverable.objects.order_by("letter"):
        _sections(deliverable, size, cast)
        _versions(deliverable, size, cast)
    _contributions(size, cast)
    _meetings(size, cast)
    _releases(size, cast)
    transaction.on_commit(_analyse)
    return cast


def _analyse() -> None:
    """Give PostgreSQL's planner the statistics of the seeded tables, and mark their pages all
    visible, at once, as its autovacuum does after a while on a production database: the bench
    measures plans (index-only scans among them) for real data."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")


def _sections(deliverable: Deliverable, size: Size, cast: People) -> None:
    existing = list(Section.objects.filter(deliverable=deliverable).order_by("pk"))
    now = timezone.now()
    for number in range(len(existing), size.sections):
        parent = None
        if number % CHAPTER:
            parent = existing[number - number % CHAPTER]
        section = Section(
            deliverable=deliverable,
            parent=parent,
            position=number % CHAPTER if parent else number // CHAPTER,
            title=f"Secção {number + 1}",
            body=section_body(number + 1, 1),
            word_count=count_words(section_body(number + 1, 1)),
            updated_at=now,
            updated_by=cast.secretariat,
        )
        # One at a time only for the parent link; history rows come in bulk below.
        if parent is None:
            section.save_without_historical_record()
        existing.append(section)
    new = [s for s in existing if s.pk is None]
    if new:
        Section.objects.bulk_create(new)
    _first_versions(deliverable, cast)


def _first_versions(deliverable: Deliverable, cast: People) -> None:
    """The creation row of each section that has none yet, its editor grant and a comment."""
    recorded = set(
        Section.history.filter(deliverable=deliverable).values_list("id", flat=True).distinct()
    )
    sections = [
        s
        for s in Section.objects.filter(deliverable=deliverable).order_by("pk")
        if s.pk not in recorded
    ]
    if not sections:
        return
    Section.history.bulk_history_create(
        sections, default_user=cast.secretariat, default_change_reason="", default_date=None
    )
    change = Permission.objects.get(codename="change_section", content_type__app_label="strategy")
    view = Permission.objects.get(codename="view_section", content_type__app_label="strategy")
    editors = itertools.cycle(cast.representatives)
    grants = [
        SectionUserObjectPermission(content_object=s, user=next(editors), permission=change)
        for s in sections
    ]
    grants += [
        SectionUserObjectPermission(content_object=s, user=cast.specialist, permission=view)
        for s in sections[::10]
    ]
    SectionUserObjectPermission.objects.bulk_create(grants)
    Comment.objects.bulk_create(
        Comment(section=s, author=cast.secretariat, body="Rever a redação.", revision=1)
        for s in sections
    )


def _versions(deliverable: Deliverable, size: Size, cast: People) -> None:
    """History rows for revisions up to ``size.versions``, as section_update would write them."""
    sections = list(Section.objects.filter(deliverable=deliverable, revision__lt=size.versions))
    if not sections:
        return
    History = Section.history.model
    editors = itertools.cycle(cast.representatives)
    started = timezone.now() - timedelta(days=size.versions)
    rows = []
    for section in sections:
        number = int(section.title.rsplit(" ", 1)[-1]) if section.title[-1].isdigit() else 1
        editor = next(editors)
        for revision in range(section.revision + 1, size.versions + 1):
            rows.append(
                History(
                    id=section.pk,
                    deliverable_id=section.deliverable_id,
                    title=section.title,
                    body=section_body(number, revision),
                    status=section.status,
                    revision=revision,
                    history_date=started + timedelta(days=revision),
                    history_type="~",
                    history_user=editor,
                    history_change_reason=f"Revisão {revision}",
                )
            )
        section.revision = size.versions
        section.body = section_body(number, size.versions)
        section.word_count = count_words(section.body)
        section.updated_at, section.updated_by = started + timedelta(days=size.versions), editor
    History.objects.bulk_create(rows, batch_size=2000)
    Section.objects.bulk_update(
        sections, ["revision", "body", "word_count", "updated_at", "updated_by"], batch_size=500
    )


def _nif(number: int) -> str:
    """A valid Portuguese NIPC (5xxxxxxxx) built from ``number``."""
    digits = f"5{number:07d}"
    total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
    check = 11 - total % 11
    return digits + str(0 if check >= 10 else check)


def _contributions(size: Size, cast: People) -> None:
    missing = size.contributions - Contribution.objects.count()
    if missing <= 0:
        return
    now = timezone.now()
    call = Call.objects.filter(title="Chamada de contributos (bench)").first()
    if call is None:
        (call,) = bulk_create_with_history(
            [
                Call(
                    title="Chamada de contributos (bench)",
                    description="Contributos para a estratégia.",
                    opens_at=now - timedelta(days=60),
                    closes_at=now + timedelta(days=60),
                    created_by=cast.secretariat,
                )
            ],
            Call,
            default_user=cast.secretariat,
        )
    organisations = list(Organisation.objects.filter(name__startswith="Organização "))
    if not organisations:
        organisations = bulk_create_with_history(
            [
                Organisation(
                    name=f"Organização {n + 1}",
                    kind=Organisation.Kind.MUNICIPALITY,
                    scope=Organisation.Scope.NATIONAL,
                    country="PT",
                    nif=_nif(n + 1),
                    created_by=cast.secretariat,
                )
                for n in range(40)
            ],
            Organisation,
            default_user=cast.secretariat,
        )
    regions = list(Region.objects.filter(level=Region.Level.NUTS3))
    domains, maturities = list(Contribution.Domain), list(Contribution.Maturity)
    states = [
        Contribution.State.SUBMITTED,
        Contribution.State.UNDER_REVIEW,
        Contribution.State.ACCEPTED,
        Contribution.State.PARTLY_ACCEPTED,
        Contribution.State.NOT_RETAINED,
    ]
    offset = Contribution.objects.count()
    contributions = []
    for n in range(offset, offset + missing):
        state = states[n % len(states)]
        explained = state in {Contribution.State.PARTLY_ACCEPTED, Contribution.State.NOT_RETAINED}
        kind = list(Contribution.Kind)[n % 3]
        fields = {
            Contribution.Kind.INITIATIVE: {
                "municipality": "Lisboa",
                "region": regions[n % len(regions)],
                "domain": domains[n % len(domains)],
                "maturity": maturities[n % len(maturities)],
            },
            Contribution.Kind.BEST_PRACTICE: {
                "country": ["ES", "FR", "NL", "DK"][n % 4],
                "place": "Barcelona",
                "transferability": "Cidades de média dimensão.",
            },
            Contribution.Kind.PRINCIPLE: {
                "statement": "Os dados urbanos são abertos por omissão.",
                "rationale": "Permite comparar territórios.",
            },
        }[kind]
        contributions.append(
            Contribution(
                call=call,
                organisation=organisations[n % len(organisations)],
                kind=kind,
                state=state,
                title=f"Contributo {n + 1}",
                summary=f"Resumo do contributo {n + 1}: {PARAGRAPH[:200]}",
                body=PARAGRAPH,
                decision_reason="Em parte fora do âmbito." if explained else "",
                feedback="Obrigado; ver a secção de interoperabilidade." if explained else "",
                created_by=cast.contact,
                submitted_at=now - timedelta(hours=n),
                created_at=now - timedelta(hours=n),
                updated_at=now - timedelta(hours=n),
                **fields,
            )
        )
    bulk_create_with_history(contributions, Contribution, batch_size=500, default_user=cast.contact)


def _meetings(size: Size, cast: People) -> None:
    missing = size.meetings - Meeting.objects.count()
    if missing <= 0:
        return
    today = timezone.localdate()
    offset = Meeting.objects.count()
    meetings = []
    for n in range(offset, offset + missing):
        past = n % 2 == 0
        day = today + timedelta(days=(-7 if past else 7) * (n // 2 + 1))
        starts_at = timezone.make_aware(datetime.combine(day, time(10, 0)))
        meetings.append(
            Meeting(
                title=f"Reunião {n + 1}",
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=2),
                place="Estrutura de Missão Portugal Digital, Lisboa",
                state=Meeting.State.HELD if past else Meeting.State.PLANNED,
                agenda_state=Meeting.AgendaState.APPROVED,
                agenda_approved_at=starts_at - timedelta(days=14),
                agenda_approved_by=cast.secretariat,
                created_by=cast.secretariat,
            )
        )
    meetings = bulk_create_with_history(meetings, Meeting, default_user=cast.secretariat)
    items = [
        AgendaItem(
            meeting=meeting,
            position=position,
            title=f"Ponto {position}",
            duration_minutes=30,
            presenter=cast.representatives[position % len(cast.representatives)],
            proposed_by=cast.secretariat,
        )
        for meeting in meetings
        for position in range(1, 5)
    ]
    bulk_create_with_history(items, AgendaItem, default_user=cast.secretariat)


def _releases(size: Size, cast: People) -> None:
    """Releases spread over the deliverables, each pointing at every section's latest version."""
    deliverables = list(Deliverable.objects.order_by("letter"))
    existing = Release.objects.count()
    for n in range(existing, size.releases):
        deliverable = deliverables[n % len(deliverables)]
        label = f"v0.{n // len(deliverables) + 1}"
        render = PdfRender.objects.create(
            content_hash=f"bench-{deliverable.slug}-{label}".ljust(64, "0")[:64],
            deliverable=deliverable,
            snapshot={"label": label, "deliverable": {"slug": deliverable.slug}},
            state=PdfRender.State.READY,
            pages=40,
            sha256="0" * 64,
        )
        release = Release.objects.create(
            deliverable=deliverable,
            label=label,
            kind=Release.Kind.WORKING_DRAFT,
            visibility=Release.Visibility.MEMBERS,
            render=render,
            published_by=cast.secretariat,
        )
        Through = Release.section_versions.through
        Through.objects.bulk_create(
            Through(release=release, historicalsection_id=version_id)
            for version_id in latest_section_versions(deliverable)
        )


def latest_section_versions(deliverable: Deliverable) -> list[int]:
    """The history id of every section's latest version (one grouped query)."""
    return list(
        Section.history.filter(deliverable=deliverable)
        .values("id")
        .annotate(latest=Max("history_id"))
        .values_list("latest", flat=True)
    )
