"""The three deliverables of n.º 2 and the seven principles of n.º 3 come from a data migration."""

import pytest

from strategy.models import Deliverable, Principle

pytestmark = pytest.mark.django_db


def test_the_three_deliverables_exist_in_the_order_of_n_2():
    assert list(Deliverable.objects.values_list("letter", "slug")) == [
        ("a", "estrategia"),
        ("b", "plano-de-acao"),
        ("c", "arquitetura-de-referencia"),
    ]


def test_the_seven_principles_carry_the_text_of_the_despacho():
    principles = list(Principle.objects.all())
    assert [p.letter for p in principles] == list("abcdefg")
    assert principles[0].text == "Assegurar a efetiva expansão de projetos-piloto de escala local;"
    assert "valorização dos territórios do Interior" in principles[-1].text
