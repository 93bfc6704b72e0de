"""The statements, the sign-in and password reset pages, and the error pages."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.template import loader
from django.views import defaults

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def template_names(response) -> list[str]:
    return [template.name for template in response.templates]


def h1_count(response) -> int:
    return len(re.findall(r"<h1[ >]", response.content.decode()))


def test_it_shows_the_accessibility_statement_in_portuguese_by_default(client):
    response = client.get("/acessibilidade")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Declaração de Acessibilidade e Usabilidade</h1>" in content
    assert "parcialmente conforme" in content
    assert 'datetime="2026-11-27"' in content
    assert "mailto:acessibilidade@portal.example" in content


def test_it_shows_the_accessibility_statement_in_english_with_the_language_cookie(client):
    client.cookies["django_language"] = "en"
    response = client.get("/acessibilidade")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "<h1>Accessibility and Usability Statement</h1>" in content
    assert "Declaração de Acessibilidade" not in content


def test_it_shows_the_privacy_notice_in_portuguese_by_default(client):
    response = client.get("/privacidade")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Aviso de privacidade</h1>" in content
    assert "mailto:epd@portal.example" in content
    assert "django_language" in content


def test_it_shows_the_privacy_notice_in_english_with_the_language_cookie(client):
    client.cookies["django_language"] = "en"
    response = client.get("/privacidade")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Privacy notice</h1>" in content
    assert "Aviso de privacidade" not in content


@pytest.mark.parametrize("url", ["/acessibilidade", "/privacidade"])
def test_it_gives_each_statement_exactly_one_h1(client, url):
    for language in ["pt-pt", "en"]:
        client.cookies["django_language"] = language
        assert h1_count(client.get(url)) == 1


def test_it_answers_an_unknown_address_with_the_404_page(client):
    response = client.get("/nao-existe/")
    assert response.status_code == 404
    assert "404.html" in template_names(response)
    assert 'href="/"' in response.content.decode()


def test_it_explains_a_refused_action_and_links_home(rf):
    request = rf.get("/painel/")
    request.user = AnonymousUser()
    response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    content = response.content.decode()
    assert 'href="/"' in content
    assert 'href="/conta/entrar/"' in content


def test_it_explains_a_bad_request_and_links_home(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    response = defaults.bad_request(request, SuspiciousOperation())
    assert response.status_code == 400
    assert 'href="/"' in response.content.decode()


def test_it_renders_the_500_page_without_a_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert '<html lang="pt-PT">' in html
    assert "Ocorreu um erro no servidor" in html
    assert "Server error" in html


def test_it_labels_the_e_mail_and_password_fields_on_the_sign_in_page(client):
    response = client.get("/conta/entrar/?next=/painel/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<label for="id_username"' in content
    assert '<label for="id_password"' in content
    assert '<input type="hidden" name="next" value="/painel/">' in content
    assert 'href="/conta/palavra-passe/recuperar/"' in content


def test_it_refuses_a_wrong_password_with_an_error_summary(client, secretariat):
    response = client.post(
        "/conta/entrar/", {"username": secretariat.email, "password": "not-the-password"}
    )
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    assert "_auth_user_id" not in client.session
    assert 'class="error-summary"' in response.content.decode()


def test_it_signs_in_with_the_right_password(client, secretariat):
    response = client.post("/conta/entrar/", {"username": secretariat.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(secretariat.pk)


def test_it_sends_a_reset_link_to_a_known_address(client, secretariat, mailoutbox):
    response = client.post("/conta/palavra-passe/recuperar/", {"email": secretariat.email})
    assert response.status_code == 302
    assert response["Location"] == "/conta/palavra-passe/recuperar/enviado/"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [secretariat.email]
    assert "\n" not in message.subject
    assert "http://testserver/conta/palavra-passe/nova/" in message.body
    assert "&#x27;" not in message.body and "&amp;" not in message.body


def test_it_shows_the_same_done_page_for_an_unknown_address_without_sending(client, mailoutbox):
    response = client.post(
        "/conta/palavra-passe/recuperar/", {"email": "ninguem@exemplo.pt"}, follow=True
    )
    assert response.redirect_chain == [("/conta/palavra-passe/recuperar/enviado/", 302)]
    assert "registration/password_reset_done.html" in template_names(response)
    assert mailoutbox == []


def test_it_lets_a_reset_link_set_a_new_password(client, secretariat, mailoutbox):
    client.post("/conta/palavra-passe/recuperar/", {"email": secretariat.email})
    link = re.search(r"http://testserver(\S+)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    new_password = "a-brand-new-passphrase"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert "registration/password_reset_complete.html" in template_names(response)
    assert 'href="/conta/entrar/"' in response.content.decode()
    secretariat.refresh_from_db()
    assert secretariat.check_password(new_password)


def test_it_explains_a_reset_link_that_no_longer_works(client, secretariat):
    response = client.get("/conta/palavra-passe/nova/MQ/not-a-valid-token/")
    assert response.status_code == 200
    assert response.context["validlink"] is False
    content = response.content.decode()
    assert 'href="/conta/palavra-passe/recuperar/"' in content
    assert "new_password1" not in content
