"""Write a deliverable's current text as a PDF: ``export_deliverable estrategia -o out.pdf``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from strategy import services
from strategy.models import Deliverable, PdfRender


class Command(BaseCommand):
    help = "Write the current text of a deliverable as a PDF (a working version)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", help="estrategia, plano-de-acao or arquitetura-de-referencia")
        parser.add_argument(
            "-o", "--output", required=True, type=Path, help="the PDF file to write"
        )

    def handle(self, *args, slug: str, output: Path, **options) -> None:
        deliverable = Deliverable.objects.filter(slug=slug).first()
        if deliverable is None:
            known = ", ".join(Deliverable.objects.order_by("letter").values_list("slug", flat=True))
            raise CommandError(f"No deliverable {slug!r}; choose one of: {known}.")
        render = services.pdf_render_request(
            actor=None, snapshot=services.current_text_snapshot(deliverable)
        )
        render = services.pdf_render_run(render_id=render.pk)
        if render.state != PdfRender.State.READY:
            raise CommandError(f"The PDF could not be rendered: {render.error}")
        with render.pdf.open("rb") as source:
            output.write_bytes(source.read())
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {output} ({render.pages} pages, SHA-256 {render.sha256}).")
        )
