"""No markup in what organisations type; NIFs checked; countries named in Portuguese."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from contributions.countries import country_choices, country_name
from contributions.validators import refuse_html, validate_nif


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "Texto <b>negrito</b>",
        '<img src=x onerror="alert(1)">',
        "<a href='javascript:alert(1)'>ligação</a>",
        "<!-- comentário -->",
        "</p>",
        "<iframe src='https://mal.example'></iframe>",
    ],
)
def test_html_or_script_is_refused(text):
    with pytest.raises(ValidationError) as caught:
        refuse_html(text)
    assert caught.value.code == "markup"


@pytest.mark.parametrize(
    "text",
    ["a < b e c > d", "Veja <https://exemplo.pt>", "**negrito** e [ligação](https://x.pt)", "3<4"],
)
def test_markdown_and_comparisons_pass(text):
    refuse_html(text)


def test_a_valid_nif_passes_and_a_wrong_check_digit_is_refused():
    validate_nif("501000003")
    with pytest.raises(ValidationError) as caught:
        validate_nif("501000004")
    assert caught.value.code == "invalid_nif"


def test_countries_are_named_in_the_active_language():
    with translation.override("pt-pt"):
        assert country_name("ES") == "Espanha"
        assert ("DE", "Alemanha") in country_choices()
    with translation.override("en"):
        assert country_name("ES") == "Spain"
    assert country_name("") == ""
