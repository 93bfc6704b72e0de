"""Names are sorted by Portuguese collation, not by byte order."""

import pytest

from contributions.countries import country_choices
from contributions.selectors import organisations_for_management
from core.collation import collated
from tests import factories

pytestmark = pytest.mark.django_db


def test_collation_puts_accented_letters_with_their_base_letter():
    names = ["Butão", "Arménia", "Bélgica", "Arábia Saudita", "Zâmbia", "Áustria"]
    assert collated(names) == [
        "Arábia Saudita",
        "Arménia",
        "Áustria",
        "Bélgica",
        "Butão",
        "Zâmbia",
    ]


def test_byte_order_would_have_got_it_wrong():
    assert sorted(["Arábia Saudita", "Arménia"]) == ["Arménia", "Arábia Saudita"]


def test_the_country_list_is_in_portuguese_order():
    names = [name for _code, name in country_choices()]
    assert names.index("Arábia Saudita") < names.index("Arménia")
    assert names.index("Bélgica") < names.index("Butão")
    assert names.index("Áustria") < names.index("Azerbaijão")


def test_the_organisation_list_is_in_portuguese_order(secretariat):
    for name, nif in [("Ílhavo Digital", "501000011"), ("Idanha Smart", "501000020")]:
        factories.organisation(actor=secretariat, name=name, nif=nif)
    factories.organisation(actor=secretariat, name="Câmara de Évora", nif="501000038")
    names = [organisation.name for organisation in organisations_for_management()]
    assert names == ["Câmara de Évora", "Idanha Smart", "Ílhavo Digital"]
