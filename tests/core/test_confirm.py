"""Confirm, then act: a GET asks, a POST acts, a refusal shows on the page and changes nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from core.confirm import Confirmation, confirm_then_act

pytestmark = pytest.mark.django_db  # the page layout reads the menu

QUESTION = Confirmation(
    title="Remover o documento",
    question="Remover «ata.pdf»?",
    details=["O ficheiro deixa de estar disponível."],
    button="Remover o documento",
    danger=True,
    cancel_url="/voltar/",
)


def request_for(method: str):
    request = getattr(RequestFactory(), method)("/remover/")
    request.session = {}
    request._messages = FallbackStorage(request)
    request.user = AnonymousUser()
    return request


@pytest.fixture
def moves():
    return []


def test_a_get_asks_and_does_nothing(moves):
    response = confirm_then_act(
        request_for("get"), QUESTION, act=lambda: moves.append("done"), done="Feito.", next_url="/"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Remover «ata.pdf»?" in page and "O ficheiro deixa de estar disponível." in page
    assert 'class="button-danger"' in page and 'href="/voltar/"' in page
    assert moves == []


def test_a_post_acts_and_goes_on(moves):
    response = confirm_then_act(
        request_for("post"),
        QUESTION,
        act=lambda: moves.append("done"),
        done="Feito.",
        next_url="/seguinte/",
    )
    assert response.status_code == 302 and response.url == "/seguinte/"
    assert moves == ["done"]


def test_a_refused_move_shows_the_reason_on_the_confirmation_page():
    def refuse():
        raise ValidationError("A reunião já foi cancelada.")

    response = confirm_then_act(
        request_for("post"), QUESTION, act=refuse, done="Feito.", next_url="/"
    )
    assert response.status_code == 400
    assert "A reunião já foi cancelada." in response.content.decode()
