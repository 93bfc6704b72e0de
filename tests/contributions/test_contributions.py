"""A contact drafts, edits, submits and withdraws; a submitted contribution is immutable; a
contact sees only their own organisation's contributions."""

import pytest
from django.core.exceptions import ValidationError

from contributions import services
from contributions.models import Contribution, Region
from tests import factories

pytestmark = pytest.mark.django_db


def initiative_data(**changes) -> dict:
    data = {
        **factories.INITIATIVE,
        "region": Region.objects.get(code="PT11A").pk,
        "district": "",
    }
    data.update(changes)
    return data


BEST_PRACTICE = {
    "title": "Orçamento participativo digital",
    "summary": "Os cidadãos propõem e votam projetos online.",
    "body": "Texto *longo*.",
    "country": "ES",
    "place": "Madrid",
    "source": "https://decide.madrid.es",
    "transferability": "Os municípios portugueses já têm orçamentos participativos.",
}
PRINCIPLE = {
    "title": "Interoperabilidade por omissão",
    "summary": "Toda a solução financiada usa normas abertas.",
    "body": "",
    "statement": "Soluções urbanas financiadas publicamente usam normas abertas.",
    "rationale": "Evita dependência de fornecedores e permite replicar.",
}


def create_url(call, slug="iniciativa") -> str:
    return f"/contributos/chamadas/{call.pk}/contribuir/{slug}/"


def test_a_contact_drafts_an_existing_initiative(client, contact, organisation, open_call):
    client.force_login(contact)
    assert client.get(create_url(open_call)).status_code == 200
    response = client.post(create_url(open_call), initiative_data())
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert response.url == f"/contributos/{contribution.pk}/"
    assert (contribution.kind, contribution.state, contribution.organisation) == (
        "initiative",
        "draft",
        organisation,
    )
    assert contribution.region.parent.code == "PT11"
    assert contribution.history.count() == 1


@pytest.mark.parametrize(
    ("slug", "data", "kind"),
    [("boa-pratica", BEST_PRACTICE, "best_practice"), ("principio", PRINCIPLE, "principle")],
)
def test_a_contact_drafts_a_best_practice_or_a_principle(
    client, contact, open_call, slug, data, kind
):
    client.force_login(contact)
    response = client.post(create_url(open_call, slug), data)
    assert response.status_code == 302
    assert Contribution.objects.get().kind == kind


@pytest.mark.parametrize(
    ("slug", "data", "missing"),
    [
        ("iniciativa", initiative_data, "municipality"),
        ("iniciativa", initiative_data, "domain"),
        ("iniciativa", initiative_data, "maturity"),
        ("iniciativa", initiative_data, "region"),
        ("boa-pratica", lambda: dict(BEST_PRACTICE), "country"),
        ("boa-pratica", lambda: dict(BEST_PRACTICE), "transferability"),
        ("principio", lambda: dict(PRINCIPLE), "statement"),
        ("principio", lambda: dict(PRINCIPLE), "rationale"),
        ("principio", lambda: dict(PRINCIPLE), "summary"),
    ],
)
def test_each_kind_needs_its_own_fields(client, contact, open_call, slug, data, missing):
    client.force_login(contact)
    payload = data()
    payload[missing] = ""
    response = client.post(create_url(open_call, slug), payload)
    assert response.status_code == 200
    assert missing in response.context["form"].errors
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    "field",
    ["title", "summary", "body", "municipality", "technologies", "results"],
)
def test_html_or_script_in_any_text_is_refused_and_nothing_stored(
    client, contact, open_call, field
):
    client.force_login(contact)
    response = client.post(
        create_url(open_call), initiative_data(**{field: "Olá <script>alert(1)</script>"})
    )
    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()[field]] == ["markup"]
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("slug", "data", "field"),
    [
        ("boa-pratica", BEST_PRACTICE, "place"),
        ("boa-pratica", BEST_PRACTICE, "source"),
        ("boa-pratica", BEST_PRACTICE, "transferability"),
        ("principio", PRINCIPLE, "statement"),
        ("principio", PRINCIPLE, "rationale"),
    ],
)
def test_html_is_refused_in_the_other_kinds_too(client, contact, open_call, slug, data, field):
    client.force_login(contact)
    payload = {**data, field: '<a href="javascript:alert(1)">x</a>'}
    response = client.post(create_url(open_call, slug), payload)
    assert field in response.context["form"].errors
    assert not Contribution.objects.exists()


def test_a_summary_over_1000_characters_is_refused(client, contact, open_call):
    client.force_login(contact)
    response = client.post(create_url(open_call), initiative_data(summary="a" * 1001))
    assert "summary" in response.context["form"].errors
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,x", "ftp://x.pt/a"])
def test_a_link_must_be_a_web_address(client, contact, open_call, link):
    client.force_login(contact)
    response = client.post(create_url(open_call), initiative_data(link=link))
    assert "link" in response.context["form"].errors
    assert not Contribution.objects.exists()


def test_the_markdown_text_is_shown_sanitised(client, contact, open_call):
    draft = factories.initiative(
        actor=contact, call=open_call, body="[clique](javascript:alert(1)) e **negrito**"
    )
    client.force_login(contact)
    page = client.get(f"/contributos/{draft.pk}/").content.decode()
    assert "<strong>negrito</strong>" in page
    assert 'href="javascript:' not in page


def test_a_submission_after_the_call_closed_is_refused_and_nothing_stored(
    client, contact, closed_call
):
    client.force_login(contact)
    response = client.post(create_url(closed_call), initiative_data())
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == [
        "call_closed"
    ]
    assert not Contribution.objects.exists()


def test_a_draft_cannot_be_submitted_once_the_call_closed(client, contact, draft, open_call):
    from datetime import timedelta

    from django.utils import timezone

    type(open_call).objects.filter(pk=open_call.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(contact)
    response = client.post(f"/contributos/{draft.pk}/submeter/")
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_the_contact_edits_a_draft_and_each_save_is_a_version(client, contact, draft):
    client.force_login(contact)
    url = f"/contributos/{draft.pk}/editar/"
    assert client.get(url).status_code == 200
    response = client.post(url, initiative_data(title="Plataforma urbana aberta"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Plataforma urbana aberta"
    assert draft.history.count() == 2


def test_the_contact_submits_after_confirming(client, contact, draft):
    client.force_login(contact)
    url = f"/contributos/{draft.pk}/submeter/"
    assert client.get(url).status_code == 200
    draft.refresh_from_db()
    assert draft.state == "draft"
    assert client.post(url).status_code == 302
    draft.refresh_from_db()
    assert draft.state == "submitted"
    assert draft.submitted_at is not None


def test_an_edit_after_submitting_is_refused_and_the_text_is_unchanged(client, contact, submitted):
    client.force_login(contact)
    url = f"/contributos/{submitted.pk}/editar/"
    assert client.get(url).status_code == 302
    response = client.post(url, initiative_data(title="Mudado depois"))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.title == factories.INITIATIVE["title"]
    with pytest.raises(ValidationError) as caught:
        services.contribution_update(actor=contact, contribution=submitted, title="Mudado")
    assert caught.value.code == "not_editable"
    assert submitted.history.count() == 2  # the draft and the submission


def test_submitted_is_submitted_once(contact, submitted):
    with pytest.raises(ValidationError) as caught:
        services.contribution_submit(actor=contact, contribution=submitted)
    assert caught.value.code == "not_editable"


@pytest.mark.parametrize("fixture", ["draft", "submitted"])
def test_the_contact_withdraws_a_draft_or_a_submitted_contribution(
    client, request, contact, fixture
):
    contribution = request.getfixturevalue(fixture)
    client.force_login(contact)
    url = f"/contributos/{contribution.pk}/retirar/"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    contribution.refresh_from_db()
    assert contribution.state == "withdrawn"
    assert contribution.withdrawn_at is not None


def test_a_contribution_under_review_cannot_be_withdrawn(client, contact, secretariat, submitted):
    services.contribution_start_review(actor=secretariat, contribution=submitted)
    client.force_login(contact)
    response = client.post(f"/contributos/{submitted.pk}/retirar/")
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.state == "under_review"


def test_the_home_page_lists_the_contacts_own_contributions_only(
    client, contact, other_contact, open_call, draft
):
    theirs = factories.initiative(actor=other_contact, call=open_call, title="Deles")
    client.force_login(contact)
    listed = list(client.get("/contributos/").context["page"])
    assert listed == [draft]
    assert theirs not in listed


def test_a_contact_of_another_organisation_gets_404_everywhere(
    client, other_contact, submitted, draft
):
    client.force_login(other_contact)
    for contribution in (draft, submitted):
        for suffix in ["", "editar/", "submeter/", "retirar/", "revisores/", "revisao/decidir/"]:
            url = f"/contributos/{contribution.pk}/{suffix}"
            assert client.get(url).status_code == 404, url
        assert client.post(f"/contributos/{contribution.pk}/retirar/").status_code == 404
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_members_read_submitted_contributions_but_not_drafts(
    client, representative, secretariat, draft, submitted
):
    for member in (representative, secretariat):
        client.force_login(member)
        assert client.get(f"/contributos/{submitted.pk}/").status_code == 200
        assert client.get(f"/contributos/{draft.pk}/").status_code == 404


def test_members_cannot_edit_or_withdraw_an_organisations_contribution(
    client, representative, submitted
):
    client.force_login(representative)
    assert client.get(f"/contributos/{submitted.pk}/retirar/").status_code == 403
    assert client.post(f"/contributos/{submitted.pk}/retirar/").status_code == 403
    submitted.refresh_from_db()
    assert submitted.state == "submitted"


@pytest.mark.parametrize("persona", ["specialist", "government"])
def test_others_get_404_on_a_contribution(client, request, persona, submitted):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/contributos/{submitted.pk}/").status_code == 404


def test_members_cannot_start_a_contribution(client, representative, open_call):
    client.force_login(representative)
    assert client.get(create_url(open_call)).status_code == 403
    assert client.post(create_url(open_call), initiative_data()).status_code == 403
    assert not Contribution.objects.exists()


def test_the_contribution_page_shows_its_versions(client, contact, submitted):
    client.force_login(contact)
    response = client.get(f"/contributos/{submitted.pk}/")
    assert [v.state for v in response.context["versions"]] == ["submitted", "draft"]


def test_a_stale_draft_form_keeps_the_title_a_colleague_changed(contact, draft):
    started_from = draft.revision
    services.contribution_update(
        actor=contact, contribution=draft, title="Título do colega", base_revision=started_from
    )
    services.contribution_update(
        actor=contact,
        contribution=draft,
        title=draft.title,
        summary="Resumo novo.",
        base_revision=started_from,
    )
    draft.refresh_from_db()
    assert (draft.title, draft.summary) == ("Título do colega", "Resumo novo.")
    assert draft.revision == started_from + 2
