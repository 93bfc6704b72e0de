"""Every text that reaches a PDF — section titles and bodies, principles, the action plan, the
cover — may carry local-file, network and ``rel=attachment`` references: none is followed, none
is embedded, and no link in the PDF points at a file or a script."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from strategy import pdf
from strategy.models import Deliverable
from strategy.services.releases import current_text_snapshot
from tests.hostile import PDF_REFERENCES
from tests.strategy.test_pdf_fetching import CountingHandler, local_server  # noqa: F401

pytestmark = pytest.mark.django_db

#: The snapshot keys whose values are text someone typed (the others are codes, dates, numbers).
TEXT_KEYS = {
    "title",
    "body",
    "short_title",
    "group",
    "legal_basis",
    "label",
    "objective",
    "responsible",
    "funding",
    "name",
    "target",
    "unit",
    "state",
    "involved",
}


def poison(value, references: str):
    """Put the references into every typed text of a snapshot."""
    if isinstance(value, dict):
        return {
            key: (
                [references + str(v) for v in item]
                if key == "involved" and isinstance(item, list)
                else references + item
                if key in TEXT_KEYS and isinstance(item, str)
                else poison(item, references)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [poison(item, references) for item in value]
    return value


def link_targets(reader: PdfReader) -> list[str]:
    targets = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


def test_no_reference_in_any_pdf_field_is_followed_or_embedded(local_server):  # noqa: F811
    call_command("seed_demo", stdout=StringIO())
    network = [
        f"![r]({local_server}/image.png)",
        f'<img src="{local_server}/img.png">',
        f'<a rel="attachment" href="{local_server}/leak.txt">anexo</a>',
        f"<style>@import url({local_server}/x.css);</style>",
    ]
    references = " ".join(PDF_REFERENCES + network) + " "
    deliverable = Deliverable.objects.get(slug="plano-de-acao")
    snapshot = poison(current_text_snapshot(deliverable), references)
    assert snapshot["actions"], "the demo action plan reaches the PDF"
    content = pdf.render(snapshot).content
    reader = PdfReader(io.BytesIO(content))
    assert CountingHandler.requests == []
    # The portal attaches only the snapshot the PDF was made from; nothing a text pointed at.
    assert set(reader.attachments) == {"fonte.json"}
    assert all(b"root:x:0:0" not in data for data in reader.attachments["fonte.json"])
    text = "".join(page.extract_text() for page in reader.pages)
    assert "root:x:0:0" not in text
    for target in link_targets(reader):
        assert target.lower().startswith(("http://", "https://", "mailto:", "#")), target
