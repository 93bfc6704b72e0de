"""Materials: checked by content, stored under random names, served only to who sees the item."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from governance import services
from governance.models import Material
from tests import factories
from tests.governance.conftest import items_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf(name="ordem.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def docx(name="nota.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def upload_url(meeting, item):
    return f"/reunioes/{meeting.pk}/pontos/{item.pk}/materiais/"


def test_a_member_attaches_a_pdf_stored_under_a_random_name(
    client, representative, approved_meeting, settings
):
    item = items_of(approved_meeting)[0]
    client.force_login(representative)
    response = client.post(
        upload_url(approved_meeting, item), {"file": pdf("Ordem de trabalhos.pdf")}
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.original_name == "Ordem de trabalhos.pdf"
    assert material.content_type == "application/pdf"
    assert "Ordem" not in material.file.name and material.file.name.startswith("reunioes/")
    assert str(settings.MEDIA_ROOT) in material.file.path
    assert "static" not in material.file.path


def test_an_office_document_is_recognised_by_content(client, secretariat, approved_meeting):
    client.force_login(secretariat)
    client.post(upload_url(approved_meeting, items_of(approved_meeting)[0]), {"file": docx()})
    assert Material.objects.get().content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("falso.pdf", b"<html><script>alert(1)</script></html>"),
        SimpleUploadedFile("programa.exe", b"MZ\x90\x00"),
        SimpleUploadedFile("vazio.pdf", b""),
    ],
    ids=["html-named-pdf", "executable", "empty"],
)
def test_a_file_of_another_kind_is_refused_and_nothing_stored(
    client, secretariat, approved_meeting, upload, settings
):
    client.force_login(secretariat)
    response = client.post(
        upload_url(approved_meeting, items_of(approved_meeting)[0]), {"file": upload}
    )
    assert response.status_code == 400
    assert response.context["material_form"].errors["file"]
    assert not Material.objects.exists()
    media = settings.MEDIA_ROOT / "reunioes"
    assert not media.exists() or not any(media.iterdir())


def test_a_file_over_10_mb_is_refused(client, secretariat, approved_meeting):
    client.force_login(secretariat)
    big = SimpleUploadedFile("grande.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = client.post(
        upload_url(approved_meeting, items_of(approved_meeting)[0]), {"file": big}
    )
    assert response.context["material_form"].errors["file"][0]
    assert not Material.objects.exists()


@pytest.mark.parametrize("persona", ["specialist", "organisation_contact", "government"])
def test_guests_cannot_upload(client, request, persona, approved_meeting):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        upload_url(approved_meeting, items_of(approved_meeting)[0]), {"file": pdf()}
    )
    assert response.status_code == 404
    assert not Material.objects.exists()


def test_a_material_is_served_as_an_attachment_with_nosniff(
    client, secretariat, representative, approved_meeting
):
    item = items_of(approved_meeting)[0]
    material = services.material_add(actor=secretariat, item=item, upload=pdf())
    client.force_login(representative)
    response = client.get(material.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_a_material_of_an_item_not_granted_is_a_404(
    client, secretariat, dgt_representative, specialist, approved_meeting
):
    first, second = items_of(approved_meeting)
    hidden = services.material_add(actor=secretariat, item=first, upload=pdf("a.pdf"))
    shown = services.material_add(actor=secretariat, item=second, upload=pdf("b.pdf"))
    request = services.specialist_request_create(
        actor=dgt_representative, meeting=approved_meeting, specialist=specialist, items=[second]
    )
    services.specialist_request_decide(actor=secretariat, request=request, admit=True)
    client.force_login(specialist)
    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(hidden.get_absolute_url()).status_code == 404
    client.force_login(factories.GovernmentFactory())
    assert client.get(shown.get_absolute_url()).status_code == 404


def test_a_material_is_removed_after_confirmation_with_its_file(
    client, secretariat, approved_meeting, django_capture_on_commit_callbacks
):
    material = services.material_add(
        actor=secretariat, item=items_of(approved_meeting)[0], upload=pdf()
    )
    stored = Path(material.file.path)
    client.force_login(secretariat)
    url = f"/reunioes/{approved_meeting.pk}/materiais/{material.pk}/remover/"
    assert client.get(url).status_code == 200
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not Material.objects.exists()
    assert not stored.exists()


def test_a_representative_cannot_remove_someone_elses_material(
    client, secretariat, representative, approved_meeting
):
    material = services.material_add(
        actor=secretariat, item=items_of(approved_meeting)[0], upload=pdf()
    )
    client.force_login(representative)
    url = f"/reunioes/{approved_meeting.pk}/materiais/{material.pk}/remover/"
    assert client.post(url).status_code == 403
    assert Material.objects.exists()


def test_the_agenda_counts_each_item_s_materials(client, secretariat, approved_meeting):
    first, second = items_of(approved_meeting)[:2]
    for name in ("a.pdf", "b.pdf"):
        services.material_add(actor=secretariat, item=first, upload=pdf(name))
    client.force_login(secretariat)
    response = client.get(approved_meeting.get_absolute_url())
    counts = {row["id"]: row["material_count"] for row in response.context["detail"].items}
    assert counts[first.pk] == 2 and counts[second.pk] == 0
    assert '<td data-label="Documentos de apoio">2</td>' in response.content.decode()
