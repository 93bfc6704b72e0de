"""``make backup`` / ``make restore``: one archive of the database and the media files that
brings every row and every stored file back."""

import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from contributions import services as contribution_services
from contributions.models import Attachment
from strategy import services as strategy_services
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def every_row() -> dict[str, list[dict]]:
    """Every row of every model (history, grants, sessions and tasks included), in order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
    }


def stored_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def portal_with_everything(media_root, secretariat):
    """The demo data (people, meetings, sections, actions, contributions), an attachment and a
    published release with its PDF."""
    call_command("seed_demo", stdout=StringIO())
    contact = factories.OrganisationContactFactory(email="olga@organizacao.example")
    organisation = factories.organisation(actor=secretariat, nif="503000000")
    contribution_services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=contact
    )
    call = factories.call_for_contributions(actor=secretariat)
    draft = factories.initiative(actor=contact, call=call)
    contribution_services.attachment_add(
        actor=contact,
        contribution=draft,
        upload=SimpleUploadedFile("estudo.pdf", PDF, content_type="application/pdf"),
    )
    vision = factories.section(actor=secretariat, title="Visão", body="Cidades coesas.")
    strategy_services.release_publish(
        actor=secretariat,
        deliverable=vision.deliverable,
        label="v0.1",
        kind="working_draft",
        visibility="members",
    )
    return draft


def test_a_backup_and_restore_brings_back_every_row_and_file(
    portal_with_everything, media_root, tmp_path
):
    rows, files = every_row(), stored_files(media_root)
    assert Attachment.objects.exists() and len(files) >= 2  # the attachment and the PDF
    out = StringIO()
    call_command("backup", output=tmp_path / "backups", stdout=out)
    [archive] = (tmp_path / "backups").glob("portal-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert any(name.startswith("media/contributos/") for name in names)

    # Lose things: a person, a contribution's file, all of the media.
    factories.GovernmentFactory(email="depois@governo.example")
    Attachment.objects.all().delete()
    for path in media_root.rglob("*"):
        if path.is_file():
            path.unlink()

    call_command("restore", str(archive), interactive=False, stdout=StringIO())
    assert every_row() == rows
    assert stored_files(media_root) == files


def test_restore_refuses_a_missing_archive(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no archive"):
        call_command("restore", str(tmp_path / "nada.tar.gz"), interactive=False)
