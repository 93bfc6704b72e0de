"""A save posted after the session ended is kept and comes back in the form after signing in."""

import pytest

from core.models import StashedForm
from strategy.models import Section

pytestmark = pytest.mark.django_db


def edit_url(section) -> str:
    return f"/documentos/estrategia/{section.pk}/editar/"


def signed_out_save(client, section, body="Texto escrito antes de a sessão acabar."):
    return client.post(
        edit_url(section),
        {"title": "Visão nova", "body": body, "base_revision": section.revision},
    )


def test_a_signed_out_save_is_kept_and_leads_to_sign_in(client, vision):
    response = signed_out_save(client, vision)
    kept = StashedForm.objects.get()
    assert response.status_code == 302
    assert response.url.startswith("/conta/entrar/?next=")
    assert kept.token in response.url
    assert response.cookies["rascunho"].value == kept.token
    assert response.cookies["rascunho"]["httponly"]
    assert kept.data["body"] == ["Texto escrito antes de a sessão acabar."]
    assert "csrfmiddlewaretoken" not in kept.data
    assert Section.objects.get(pk=vision.pk).body == "Territórios inteligentes e coesos."


def test_after_signing_in_the_form_shows_the_kept_text_once(client, representative, vision):
    response = signed_out_save(client, vision)
    token = StashedForm.objects.get().token
    client.force_login(representative)
    page = client.get(f"{edit_url(vision)}?rascunho={token}")
    assert page.status_code == 200
    assert page.context["form"]["body"].value() == "Texto escrito antes de a sessão acabar."
    assert page.context["form"]["title"].value() == "Visão nova"
    assert "Texto escrito antes de a sessão acabar." in page.content.decode()
    assert not StashedForm.objects.exists()
    assert Section.objects.get(pk=vision.pk).body == "Territórios inteligentes e coesos."
    again = client.get(f"{edit_url(vision)}?rascunho={token}")
    assert again.context["form"]["body"].value() == "Territórios inteligentes e coesos."
    assert response.status_code == 302


def test_the_kept_text_needs_the_cookie_of_the_browser_that_posted_it(
    client, representative, vision
):
    signed_out_save(client, vision)
    token = StashedForm.objects.get().token
    client.cookies.pop("rascunho")
    client.force_login(representative)
    page = client.get(f"{edit_url(vision)}?rascunho={token}")
    assert page.context["form"]["body"].value() == "Territórios inteligentes e coesos."
    assert StashedForm.objects.exists()


def test_the_kept_text_is_not_shown_to_someone_who_may_not_edit(client, government, vision):
    signed_out_save(client, vision)
    token = StashedForm.objects.get().token
    client.force_login(government)
    response = client.get(f"{edit_url(vision)}?rascunho={token}")
    assert response.status_code == 404
    assert StashedForm.objects.exists()


def test_a_made_up_token_shows_the_current_text(client, representative, vision):
    client.force_login(representative)
    client.cookies["rascunho"] = "inventado"
    page = client.get(f"{edit_url(vision)}?rascunho=inventado")
    assert page.status_code == 200
    assert page.context["form"]["body"].value() == "Territórios inteligentes e coesos."


def test_a_signed_out_get_is_an_ordinary_sign_in_redirect(client, vision):
    response = client.get(edit_url(vision))
    assert response.status_code == 302
    assert not StashedForm.objects.exists()
