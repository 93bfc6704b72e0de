"""Review: draft → in review → approved; approved is read-only until reopened with a reason."""

import pytest
from django.core.exceptions import ValidationError

from strategy import services
from strategy.models import Section
from tests import factories

pytestmark = pytest.mark.django_db


def move(client, section, status, reason=""):
    return client.post(
        f"/documentos/estrategia/{section.pk}/estado/", {"status": status, "reason": reason}
    )


@pytest.fixture
def in_review(representative, vision):
    return services.section_change_status(actor=representative, section=vision, status="in_review")


def test_an_editor_submits_for_review(client, representative, vision):
    client.force_login(representative)
    assert move(client, vision, "in_review").status_code == 302
    assert Section.objects.get(pk=vision.pk).status == "in_review"


def test_the_secretariat_approves(client, secretariat, in_review):
    client.force_login(secretariat)
    assert move(client, in_review, "approved").status_code == 302
    assert Section.objects.get(pk=in_review.pk).status == "approved"


def test_an_editor_who_does_not_coordinate_cannot_approve(client, representative, in_review):
    client.force_login(representative)
    assert move(client, in_review, "approved").status_code == 403
    assert Section.objects.get(pk=in_review.pk).status == "in_review"


def test_the_deliverable_s_coordinator_approves(client, secretariat, representative, in_review):
    services.deliverable_coordinator_assign(
        actor=secretariat, deliverable=in_review.deliverable, person=representative
    )
    client.force_login(representative)
    assert move(client, in_review, "approved").status_code == 302


def test_an_approved_section_cannot_be_edited(client, secretariat, representative, in_review):
    approved = services.section_change_status(
        actor=secretariat, section=in_review, status="approved"
    )
    client.force_login(representative)
    response = client.post(
        f"/documentos/estrategia/{approved.pk}/editar/",
        {"title": "Visão", "body": "mudança", "base_revision": approved.revision},
        follow=True,
    )
    assert "aprovada" in response.content.decode()
    assert Section.objects.get(pk=approved.pk).body == approved.body
    with pytest.raises(ValidationError):
        services.section_update(
            actor=representative,
            section=approved,
            base_revision=approved.revision,
            title="Visão",
            body="x",
        )


def test_reopening_needs_a_reason_which_the_history_shows(client, secretariat, in_review):
    approved = services.section_change_status(
        actor=secretariat, section=in_review, status="approved"
    )
    client.force_login(secretariat)
    response = move(client, approved, "draft", reason="  ")
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert Section.objects.get(pk=approved.pk).status == "approved"
    move(client, approved, "draft", reason="Novos dados do INE")
    reopened = Section.objects.get(pk=approved.pk)
    assert reopened.status == "draft"
    assert reopened.history.latest().history_change_reason == "Novos dados do INE"
    assert (
        "Novos dados do INE"
        in client.get(f"/documentos/estrategia/{approved.pk}/historico/").content.decode()
    )


def test_a_draft_cannot_jump_to_approved(secretariat, vision):
    with pytest.raises(ValidationError) as caught:
        services.section_change_status(actor=secretariat, section=vision, status="approved")
    assert caught.value.code == "transition"


def test_an_unknown_state_is_a_404(client, secretariat, vision):
    client.force_login(secretariat)
    assert move(client, vision, "published").status_code == 404


def test_the_home_page_lists_sections_to_edit_and_to_review(
    client, secretariat, representative, in_review
):
    for person, panel in [
        (representative, "sections_to_edit"),
        (secretariat, "sections_to_review"),
    ]:
        client.force_login(person)
        response = client.get("/painel/")
        assert [row["id"] for row in response.context[panel]] == [in_review.pk]
        assert in_review.get_absolute_url() in response.content.decode()


def test_a_coordinator_s_home_page_lists_the_sections_in_review_of_their_deliverable_only(
    client, secretariat, representative, in_review
):
    other = services.section_change_status(
        actor=secretariat,
        section=factories.section(actor=secretariat, title="Modelo", slug="plano-de-acao"),
        status="in_review",
    )
    assert other.status == "in_review"
    client.force_login(representative)
    assert client.get("/painel/").context.get("sections_to_review") == []
    services.deliverable_coordinator_assign(
        actor=secretariat, deliverable=in_review.deliverable, person=representative
    )
    rows = client.get("/painel/").context["sections_to_review"]
    assert [row["id"] for row in rows] == [in_review.pk]
    client.force_login(secretariat)
    rows = client.get("/painel/").context["sections_to_review"]
    assert {row["id"] for row in rows} == {in_review.pk, other.pk}
