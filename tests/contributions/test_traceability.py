"""Members link a contribution to the sections it informed, with a note; both pages list it."""

import pytest
from django.core.exceptions import ValidationError

from strategy import services as strategy_services
from strategy.models import SectionContribution
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def vision(secretariat):
    return factories.section(actor=secretariat, title="Visão", body="Territórios inteligentes.")


def link_url(contribution) -> str:
    return f"/documentos/contributos/{contribution.pk}/seccoes/"


def test_a_representative_links_a_contribution_to_a_section_with_a_note(
    client, representative, submitted, vision
):
    client.force_login(representative)
    assert client.get(link_url(submitted)).status_code == 200
    response = client.post(
        link_url(submitted), {"section": vision.pk, "note": "Exemplo para a visão"}
    )
    assert response.status_code == 302
    assert response.url == f"/contributos/{submitted.pk}/"
    link = SectionContribution.objects.get()
    assert (link.section, link.contribution, link.note, link.linked_by) == (
        vision,
        submitted,
        "Exemplo para a visão",
        representative,
    )


def test_the_section_and_the_contribution_pages_list_each_other(
    client, representative, submitted, vision
):
    strategy_services.section_contribution_link(
        actor=representative, section=vision, contribution=submitted, note="Inspirou a visão"
    )
    client.force_login(representative)
    section_page = client.get(vision.get_absolute_url())
    assert [link.contribution for link in section_page.context["contribution_links"]] == [submitted]
    assert submitted.get_absolute_url() in section_page.content.decode()
    contribution_page = client.get(submitted.get_absolute_url())
    assert [link.section for link in contribution_page.context["section_links"]] == [vision]
    assert "Inspirou a visão" in contribution_page.content.decode()


def test_the_section_page_names_the_contributions_organisation_and_the_note(
    client, representative, submitted, vision
):
    strategy_services.section_contribution_link(
        actor=representative, section=vision, contribution=submitted, note="Inspirou a visão"
    )
    client.force_login(representative)
    [link] = client.get(vision.get_absolute_url()).context["contribution_links"]
    assert link.contribution.title == submitted.title
    assert link.contribution.organisation == submitted.organisation
    assert link.contribution.organisation.name == submitted.organisation.name
    assert link.note == "Inspirou a visão"


def test_a_contribution_is_linked_to_a_section_once(representative, submitted, vision):
    strategy_services.section_contribution_link(
        actor=representative, section=vision, contribution=submitted
    )
    with pytest.raises(ValidationError):
        strategy_services.section_contribution_link(
            actor=representative, section=vision, contribution=submitted
        )
    assert SectionContribution.objects.count() == 1


def test_a_draft_cannot_be_linked(client, representative, secretariat, draft, vision):
    client.force_login(representative)
    assert client.get(link_url(draft)).status_code == 404
    with pytest.raises(ValidationError) as caught:
        strategy_services.section_contribution_link(
            actor=secretariat, section=vision, contribution=draft
        )
    assert caught.value.code == "not_submitted"
    assert not SectionContribution.objects.exists()


def test_the_contact_cannot_link_their_contribution(client, contact, submitted, vision):
    client.force_login(contact)
    assert client.get(link_url(submitted)).status_code == 403
    assert client.post(link_url(submitted), {"section": vision.pk}).status_code == 403
    assert not SectionContribution.objects.exists()


@pytest.mark.parametrize("persona", ["other_contact", "specialist", "government"])
def test_others_get_404(client, request, persona, submitted, vision):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(link_url(submitted), {"section": vision.pk}).status_code == 404
    assert not SectionContribution.objects.exists()


def test_the_contact_does_not_see_the_sections_on_their_contribution(client, contact, submitted):
    client.force_login(contact)
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert 'id="seccoes-titulo"' not in page
    assert link_url(submitted) not in page


def test_a_link_is_removed_after_confirming(client, secretariat, submitted, vision):
    link = strategy_services.section_contribution_link(
        actor=secretariat, section=vision, contribution=submitted
    )
    client.force_login(secretariat)
    url = f"{link_url(submitted)}{link.pk}/remover/"
    assert client.get(url).status_code == 200
    assert SectionContribution.objects.exists()
    assert client.post(url).status_code == 302
    assert not SectionContribution.objects.exists()
