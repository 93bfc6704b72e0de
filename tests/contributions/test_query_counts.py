"""The contributions pages cost the same queries with few and with many contributions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions import services
from strategy import services as strategy_services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def queries(client, url: str) -> int:
    client.get(url)  # warm the session, content-type and permission caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_contributions(contact, call, count: int, *, submit=True) -> list:
    return [
        factories.initiative(
            actor=contact,
            call=call,
            title=f"Iniciativa {n}",
            region_code=["PT11A", "PT192", "PT1A0"][n % 3],
            domain=["mobilidade", "ambiente", "economia"][n % 3],
            submit=submit,
        )
        for n in range(count)
    ]


def test_the_contacts_page_does_not_grow_with_contributions(client, contact, open_call):
    client.force_login(contact)
    add_contributions(contact, open_call, 3)
    few = queries(client, "/contributos/")
    add_contributions(contact, open_call, 40)
    assert queries(client, "/contributos/") == few


@pytest.mark.parametrize(
    "url",
    [
        "/contributos/",
        "/contributos/catalogo/",
        "/contributos/catalogo/?q=Iniciativa&domain=mobilidade",
        "/contributos/catalogo/?kind=initiative&state=submitted&pagina=2",
        "/contributos/catalogo/exportar.csv",
        "/contributos/catalogo/exportar.json",
        "/contributos/chamadas/",
        "/contributos/organizacoes/",
    ],
)
def test_the_members_pages_do_not_grow_with_contributions(
    client, secretariat, contact, other_contact, open_call, url
):
    client.force_login(secretariat)
    add_contributions(contact, open_call, 3)
    few = queries(client, url)
    add_contributions(contact, open_call, 30)
    add_contributions(other_contact, open_call, 10)
    assert queries(client, url) == few


def test_the_contribution_page_does_not_grow_with_attachments_links_or_reviewers(
    client, secretariat, representative, contact, open_call
):
    contribution = factories.initiative(actor=contact, call=open_call)
    pdf = b"%PDF-1.7\n%%EOF\n"
    services.attachment_add(
        actor=contact, contribution=contribution, upload=SimpleUploadedFile("a.pdf", pdf)
    )
    contribution = services.contribution_submit(actor=contact, contribution=contribution)
    section = factories.section(actor=secretariat, title="Secção 0")
    strategy_services.section_contribution_link(
        actor=secretariat, section=section, contribution=contribution
    )
    client.force_login(secretariat)
    url = contribution.get_absolute_url()
    few = queries(client, url)

    other = factories.initiative(actor=contact, call=open_call)
    for n in range(4):
        services.attachment_add(
            actor=contact, contribution=other, upload=SimpleUploadedFile(f"{n}.pdf", pdf)
        )
    other = services.contribution_submit(actor=contact, contribution=other)
    for n in range(6):
        section = factories.section(actor=secretariat, title=f"Secção {n + 1}")
        strategy_services.section_contribution_link(
            actor=secretariat, section=section, contribution=other, note=f"Nota {n}"
        )
    services.reviewer_assign(actor=secretariat, contribution=other, person=representative)
    services.reviewer_assign(actor=secretariat, contribution=other, person=secretariat)
    assert queries(client, other.get_absolute_url()) == few


def test_the_section_page_does_not_grow_with_linked_contributions(
    client, secretariat, representative, contact, open_call
):
    section = factories.section(actor=secretariat, title="Visão", body="Texto.")
    first = add_contributions(contact, open_call, 1)[0]
    strategy_services.section_contribution_link(
        actor=secretariat, section=section, contribution=first
    )
    client.force_login(representative)
    few = queries(client, section.get_absolute_url())
    for contribution in add_contributions(contact, open_call, 15):
        strategy_services.section_contribution_link(
            actor=secretariat, section=section, contribution=contribution
        )
    assert queries(client, section.get_absolute_url()) == few
