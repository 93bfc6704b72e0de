"""The header and footer every page shares: kept rendered, yet never showing another person's
menu, a stale count or a stale name."""

import pytest
from django.test import Client

from governance.models import WorkingGroup
from governance.services.notifications import notify

pytestmark = pytest.mark.django_db


def menu(client, url="/painel/") -> str:
    html = client.get(url).content.decode()
    return html[html.index('<nav class="site-nav"') : html.index("</nav>")]


def test_people_with_different_roles_never_share_a_menu(client, secretariat, representative):
    client.force_login(secretariat)
    assert "Pessoas" in menu(client)
    client.force_login(representative)
    assert "Pessoas" not in menu(client)
    assert "Sair (Rita)" in menu(client)


def test_the_unread_count_changes_at_once(client, representative):
    client.force_login(representative)
    assert "badge-count" not in menu(client)
    notify(recipients=[representative], kind="comment", text="Novo comentário", link="/painel/")
    assert '<span class="badge badge-count">1' in menu(client)


def test_the_current_page_is_marked_on_each_page(client, representative):
    client.force_login(representative)
    assert 'href="/painel/" aria-current="page"' in menu(client, "/painel/")
    assert 'aria-current="page"' not in menu(client, "/painel/").replace(
        'href="/painel/" aria-current="page"', ""
    )
    assert 'href="/grupo/" aria-current="page"' in menu(client, "/grupo/")


def test_the_language_changes_the_menu(client, representative):
    client.force_login(representative)
    assert "Notificações" in menu(client)
    client.cookies["django_language"] = "en"
    assert "Notifications" in menu(client)


def test_a_renamed_group_shows_its_new_name_and_basis_at_once(client, representative):
    client.force_login(representative)
    client.get("/painel/")
    WorkingGroup.objects.update(name="Grupo renomeado", legal_basis="Despacho n.º 1/2027")
    html = client.get("/painel/").content.decode()
    assert ">Grupo renomeado</a>" in html
    footer = html[html.index('<footer class="site-footer"') :]
    assert "Despacho n.º 1/2027" in footer


def test_a_page_with_the_kept_menu_signs_out_with_its_own_token(representative):
    """The CSRF tokens are outside the kept parts: each page carries one valid for its session."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(representative)
    client.get("/painel/")  # the menu is now kept
    html = client.get("/painel/").content.decode()
    response = client.post("/conta/sair/", {"csrfmiddlewaretoken": token_in(html)})
    assert response.status_code == 302
    assert client.get("/painel/").status_code == 302  # signed out: sent to the sign-in page


def token_in(html: str) -> str:
    marker = 'name="csrfmiddlewaretoken" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]
