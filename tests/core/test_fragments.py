"""A fragment is rendered once for the values it shows, per language, and taken from the cache."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation
from django.utils.safestring import SafeString

from core.fragments import render_fragment

GREETING = "{% load i18n %}{{ greeting }} {{ name }} · {% translate 'Section' %}"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {"greeting.html": GREETING},
                )
            ]
        },
    }
]

pytestmark = pytest.mark.usefixtures("empty_cache")


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def greet(greeting: str, name: str, prepared: list) -> str:
    return render_fragment(
        "greeting.html",
        {"greeting": greeting, "name": name},
        shows=(greeting, name),
        prepare=lambda: prepared.append(name),
    )


@override_settings(TEMPLATES=TEMPLATES)
def test_the_same_values_are_rendered_and_prepared_once():
    prepared: list = []
    assert greet("Olá", "Rita", prepared) == "Olá Rita · Secção"
    assert greet("Olá", "Rita", prepared) == "Olá Rita · Secção"
    assert prepared == ["Rita"]


@override_settings(TEMPLATES=TEMPLATES)
def test_a_changed_value_is_rendered_anew():
    prepared: list = []
    greet("Olá", "Rita", prepared)
    assert greet("Olá", "Sara", prepared) == "Olá Sara · Secção"
    assert prepared == ["Rita", "Sara"]


@override_settings(TEMPLATES=TEMPLATES)
def test_each_language_gets_its_own_rendering():
    prepared: list = []
    greet("Olá", "Rita", prepared)
    with translation.override("en"):
        assert greet("Olá", "Rita", prepared) == "Olá Rita · Section"
    assert prepared == ["Rita", "Rita"]


@override_settings(TEMPLATES=TEMPLATES)
def test_what_it_prints_is_escaped_and_marked_safe():
    html = greet("<b>", "Rita & Sara", [])
    assert html == "&lt;b&gt; Rita &amp; Sara · Secção"
    assert isinstance(html, SafeString)
    assert isinstance(greet("<b>", "Rita & Sara", []), SafeString)  # from the cache too
