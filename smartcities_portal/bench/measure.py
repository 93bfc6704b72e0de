"""What ``make bench`` measures, in-process: pages against the floor view, PDF export against bare
WeasyPrint, the word diff against difflib, section saves, release publication.

Pages go through Django's test client (no network); a page's time is the server time the
timing middleware puts on the response, and every page request is paired with a floor request
in the same round, so a slower moment of the shared machine weighs on both.
"""

import difflib
import random
import secrets
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.models import Meeting, User
from governance.permissions import must_use_second_factor
from smartcities_portal.bench.urls import FLOOR_PATH
from strategy.models import Deliverable, Section

BENCH_DELIVERABLE = "estrategia"


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    user: User
    # Each request searches words never searched before (what the search keeps cannot serve it)
    new_words: bool = False

    def url_for(self, attempt: int | str) -> str:
        # Leaving out a word no text has matches the same rows as the words alone (PostgreSQL).
        return f"{self.url}+-zzbench{attempt}" if self.new_words else self.url


def key_pages(secretariat: User) -> list[Page]:
    """The key pages, with URLs of objects that grow with the data set."""
    deliverable = Deliverable.objects.get(slug=BENCH_DELIVERABLE)
    section = Section.objects.filter(deliverable=deliverable, parent__isnull=False).order_by("pk")[
        0
    ]
    versions = list(section.history.order_by("history_id").values_list("history_id", flat=True))
    meeting = Meeting.objects.filter(items__isnull=False).order_by("pk").first()
    base = f"/documentos/{deliverable.slug}/{section.pk}/"
    pages = [
        ("dashboard", "/painel/"),
        ("outline", deliverable.get_absolute_url()),
        ("section", base),
        ("history", base + "historico/"),
        ("compare", f"{base}comparar/?de={versions[0]}&para={versions[-1]}"),
        ("catalogue", "/contributos/catalogo/"),
        ("meeting", meeting.get_absolute_url()),
        ("releases", "/versoes/"),
        ("working group", "/grupo/"),
    ]
    pages += _pages_once_on_main()
    found = [Page(name, url, secretariat) for name, url in pages]
    if connection.vendor == "postgresql":  # elsewhere nothing is kept: every search is new
        found += [
            Page("search, new words", page.url, secretariat, new_words=True)
            for page in found
            if page.name == "search"
        ]
    return found


def _pages_once_on_main() -> list[tuple[str, str]]:
    """Search and notifications, measured once their URLs exist."""
    from django.urls import NoReverseMatch, reverse

    found = []
    for name, url_name, query in [
        ("search", "search", "?q=estrat%C3%A9gia"),
        ("notifications", "notifications:list", ""),
    ]:
        try:
            found.append((name, reverse(url_name) + query))
        except NoReverseMatch:
            continue
    return found


def load_plan(cast) -> dict:
    """What ``make load``'s simulated members do: who signs in, what they read and edit."""
    from smartcities_portal.bench.seed import BENCH_PASSWORD

    people = []
    for person in cast.representatives:
        sections = Section.objects.filter(
            sectionuserobjectpermission__user=person,
            sectionuserobjectpermission__permission__codename="change_section",
        ).select_related("deliverable")[:5]
        urls = [section.get_absolute_url() for section in sections]
        if urls:
            people.append({"email": person.email, "sections": urls})
    pages = [
        {"name": page.name, "url": page.url}
        for page in key_pages(cast.secretariat)
        if not page.new_words
    ]
    return {"password": BENCH_PASSWORD, "people": people, "pages": pages, "floor": FLOOR_PATH}


def signed_in_client(user: User) -> Client:
    """A client signed in as ``user``, past the second factor when the account needs one (as
    after typing the code: the OTP middleware's per-request cost is measured too)."""
    client = Client()
    client.force_login(user)
    if must_use_second_factor(user):
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="bench", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def query_count(client: Client, url: str, *, warm_url: str = "") -> int:
    client.get(warm_url or url)  # warm the session, content types and permission caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return len(captured)


def pages_against_floor(pages: list[Page], *, rounds: int) -> dict:
    """Median server time of each page and of the floor view, interleaved, and their ratio."""
    clients = {page.user.pk: signed_in_client(page.user) for page in pages}
    queries = {
        page.name: query_count(
            clients[page.user.pk], page.url_for("counted"), warm_url=page.url_for("warming")
        )
        for page in pages
    }
    samples: dict[str, list[float]] = {page.name: [] for page in pages}
    floors: dict[str, list[float]] = {page.name: [] for page in pages}
    for attempt in range(rounds):
        for page in random.sample(pages, len(pages)):
            client = clients[page.user.pk]
            floors[page.name].append(client.get(FLOOR_PATH).server_seconds)
            samples[page.name].append(client.get(page.url_for(attempt)).server_seconds)
    floor_queries = query_count(clients[pages[0].user.pk], FLOOR_PATH)
    results = {}
    for page in pages:
        median = statistics.median(samples[page.name])
        floor = statistics.median(floors[page.name])
        results[page.name] = {
            "url": page.url,
            "queries": queries[page.name],
            "median_ms": round(median * 1000, 2),
            "floor_ms": round(floor * 1000, 2),
            "ratio": round(median / floor, 2),
            "requests": rounds,
            # Not a key page: what a key page costs when nothing kept can serve it
            "new_words": page.new_words,
        }
    results["floor"] = {"url": FLOOR_PATH, "queries": floor_queries}
    return results


def _median_time(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def ten_thousand_words(seed: int, *, changed_every: int = 0) -> str:
    """About 10,000 words of prose-like text in paragraphs of 100 words, from a vocabulary of
    about 2,000 words where short ones recur most (as in Portuguese prose); every
    ``changed_every``-th word differs."""
    generator = random.Random(seed)  # noqa: S311 -- sample text, not secrets
    syllables = ["ta", "de", "ri", "cio", "pla", "na", "men", "to", "ter", "ri", "vo", "ca", "lu"]
    vocabulary = [
        "".join(generator.choice(syllables) for _ in range(generator.randint(1, 4)))
        for _ in range(2000)
    ]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    text = generator.choices(vocabulary, weights=weights, k=10_000)
    if changed_every:
        for index in range(0, len(text), changed_every):
            text[index] = "alterado"
    paragraphs = [" ".join(text[i : i + 100]) for i in range(0, len(text), 100)]
    return "\n\n".join(paragraphs)


def diff_against_difflib(repeat: int = 3) -> dict:
    """The portal's diff of two 10,000-word versions (the one section comparison uses) against
    difflib's SequenceMatcher on the same words (its defaults); a diff slower than 10 s is timed
    once."""
    from core.diff import text_diff

    old = ten_thousand_words(1)
    new = ten_thousand_words(1, changed_every=50)
    first = _median_time(lambda: text_diff(old, new), 1)
    portal = first if first > 10 else _median_time(lambda: text_diff(old, new), repeat)
    plain = _median_time(
        lambda: difflib.SequenceMatcher(None, old.split(), new.split()).get_opcodes(), repeat
    )
    return {
        "words": len(old.split()),
        "portal_ms": round(portal * 1000, 1),
        "difflib_ms": round(plain * 1000, 1),
        "ratio": round(portal / plain, 2),
        "repeat": 1 if first > 10 else repeat,
    }


def section_saves_per_second(editor_email: str, *, saves: int = 60) -> dict:
    """New versions of one section through the editing service, one after another."""
    from strategy import services

    section = (
        Section.objects.filter(
            sectionuserobjectpermission__user__email=editor_email,
            sectionuserobjectpermission__permission__codename="change_section",
        )
        .exclude(status=Section.Status.APPROVED)
        .order_by("pk")
        .first()
    )
    editor = User.objects.get(email=editor_email)
    started = time.perf_counter()
    for n in range(saves):
        section = services.section_update(
            actor=editor,
            section=section,
            base_revision=section.revision,
            title=section.title,
            body=f"{section.body}\n\nAcrescento {n}.",
            change_note=f"bench {n}",
        )
    seconds = time.perf_counter() - started
    return {"saves": saves, "seconds": round(seconds, 2), "per_second": round(saves / seconds, 1)}


def release_publication(secretariat: User) -> dict:
    """Publish a release of the bench deliverable; the PDF is queued, not rendered here."""
    from strategy import services
    from strategy.models import Release

    deliverable = Deliverable.objects.get(slug=BENCH_DELIVERABLE)
    from strategy.models.releases import label_number, label_text

    labels = Release.objects.filter(deliverable=deliverable).values_list("label", flat=True)
    major, minor = max((label_number(label) for label in labels), default=(0, 0))
    label = label_text((major, minor + 1))  # a working draft continues the numbering
    dummy = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy), CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        release = services.release_publish(
            actor=secretariat,
            deliverable=deliverable,
            label=label,
            kind="working_draft",
            visibility="members",
        )
        seconds = time.perf_counter() - started
    return {
        "sections": release.section_versions.count(),
        "queries": len(captured),
        "ms": round(seconds * 1000, 1),
    }


def pdf_against_weasyprint(secretariat: User, *, pairs: int) -> dict:
    """The portal's PDF export against WeasyPrint alone on the same HTML, pairs interleaved.

    Each export follows an edit, as when members re-export a text they work on: it starts from
    the previous export's page breaks (``strategy.pdf.render``). The first export, with no
    previous one to start from, is reported apart.
    """
    import weasyprint

    from strategy import pdf, services
    from strategy.models import PdfRender

    deliverable = Deliverable.objects.get(slug=BENCH_DELIVERABLE)
    first_section = deliverable.sections.order_by("pk")[0]

    def export(attempt: int) -> tuple[PdfRender, float]:
        # Touch the text so that the export renders instead of answering from its cache (the
        # token keeps a re-run on the same database from finding an earlier run's PDFs).
        touched = f"Secção 1 ({attempt}, {secrets.token_hex(4)})"
        Section.objects.filter(pk=first_section.pk).update(title=touched)
        started = time.perf_counter()
        render = services.deliverable_export_request(actor=secretariat, deliverable=deliverable)
        render = services.pdf_render_run(render_id=render.pk)
        seconds = time.perf_counter() - started
        if render.state != PdfRender.State.READY:
            raise RuntimeError(f"The export failed: {render.error}")
        return render, seconds

    _render, first_export = export(-1)  # also loads fonts and caches
    exports, directs, pages = [], [], 0
    for attempt in range(pairs):
        render, seconds = export(attempt)
        exports.append(seconds)
        pages = render.pages
        html = pdf.document_html(render.snapshot, flow_on=frozenset(render.flow_on))
        started = time.perf_counter()
        weasyprint.HTML(
            string=html, base_url=pdf.STATIC_URL_PREFIX, url_fetcher=pdf.PortalOnlyURLFetcher()
        ).write_pdf(pdf_variant=pdf.PDF_VARIANT)
        directs.append(time.perf_counter() - started)
    export, direct = statistics.median(exports), statistics.median(directs)
    return {
        "pages": pages,
        "pairs": pairs,
        "variant": pdf.PDF_VARIANT,
        "export_s": round(export, 2),
        "weasyprint_s": round(direct, 2),
        "ratio": round(export / direct, 3),
        "first_export_s": round(first_export, 2),
    }
