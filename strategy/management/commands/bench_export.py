"""Benchmark the PDF export of a large deliverable (``make bench``).

Seeds a deliverable of about 120 pages in the current database (use a throwaway one: the
Makefile points DATABASE_URL at var/bench.db), then reports the export time, pages per second,
peak memory, the ratio of the portal's export to WeasyPrint rendering the same final HTML
directly, and the time of a second export of unchanged content (served from the cache).
"""

import resource
import time

import weasyprint
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from strategy import pdf, services
from strategy.models import Deliverable, PdfRender, Section

PARAGRAPH = (
    "A estratégia apoia a implementação local de territórios inteligentes, com serviços públicos "
    "autárquicos centrados nas pessoas, inclusivos, sustentáveis e interoperáveis. O planeamento "
    "integrado permite captar sinergias entre iniciativas, melhorar a decisão e otimizar a despesa "
    "pública, assegurando a partilha de experiências entre municípios do litoral e do Interior. "
)


class Command(BaseCommand):
    help = "Benchmark the PDF export of a seeded deliverable of about 120 pages."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--chapters", type=int, default=24, help="top-level sections to seed")
        parser.add_argument("--repeat", type=int, default=2, help="timed runs; the best is kept")

    def handle(self, *args, chapters: int, repeat: int, **options) -> None:
        deliverable = self._seed(chapters)
        pdf.render(services.current_text_snapshot(deliverable))  # warm fonts and caches, untimed

        exports, directs = [], []
        for attempt in range(repeat):
            snapshot = {**services.current_text_snapshot(deliverable), "label": f"bench-{attempt}"}
            started = time.perf_counter()
            render = services.pdf_render_request(actor=None, snapshot=snapshot)
            render = services.pdf_render_run(render_id=render.pk)
            exports.append(time.perf_counter() - started)
            if render.state != PdfRender.State.READY:
                raise CommandError(f"The export failed: {render.error}")

            html = pdf.document_html(render.snapshot)
            started = time.perf_counter()
            weasyprint.HTML(
                string=html, base_url=pdf.STATIC_URL_PREFIX, url_fetcher=pdf.PortalOnlyURLFetcher()
            ).write_pdf(pdf_variant=pdf.PDF_VARIANT)
            directs.append(time.perf_counter() - started)

        started = time.perf_counter()
        again = services.pdf_render_request(actor=None, snapshot=snapshot)
        services.pdf_render_run(render_id=again.pk)
        second_seconds = time.perf_counter() - started

        export_seconds, direct_seconds = min(exports), min(directs)
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"pages:                     {render.pages}")
        self.stdout.write(f"export:                    {export_seconds:.2f} s (best of {repeat})")
        self.stdout.write(f"pages per second:          {render.pages / export_seconds:.1f}")
        self.stdout.write(f"peak memory (RSS):         {peak_mib:.0f} MiB")
        self.stdout.write(f"WeasyPrint alone:          {direct_seconds:.2f} s (best of {repeat})")
        self.stdout.write(
            f"export / WeasyPrint ratio: {export_seconds / direct_seconds:.2f} (goal ≤ 1.10)"
        )
        self.stdout.write(f"second export (cached):    {second_seconds * 1000:.0f} ms")

    @transaction.atomic
    def _seed(self, chapters: int) -> Deliverable:
        deliverable = Deliverable.objects.get(slug="estrategia")
        if Section.objects.filter(deliverable=deliverable).exists():
            return deliverable  # seeded by an earlier run on the same database
        for chapter in range(chapters):
            parent = Section.objects.create(
                deliverable=deliverable,
                position=chapter,
                title=f"Capítulo {chapter + 1}",
                body=PARAGRAPH * 6,
                word_count=0,
            )
            for sub in range(3):
                body = "\n\n".join(
                    [f"### Ponto {sub + 1}.{n + 1}\n\n{PARAGRAPH * 3}" for n in range(3)]
                    + [
                        "| Indicador | Meta |\n|---|---|\n"
                        "| Municípios abrangidos | 308 |\n| Dados abertos | 50 |"
                    ]
                )
                Section.objects.create(
                    deliverable=deliverable,
                    parent=parent,
                    position=sub,
                    title=f"Secção {chapter + 1}.{sub + 1}",
                    body=body,
                    word_count=0,
                )
        return deliverable
