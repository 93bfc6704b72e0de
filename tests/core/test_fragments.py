"""Fragments: keys change with every value shown, the language and the time zone; a fragment
is rendered once for the values it shows, per language, and taken from the cache."""

import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from core.fragments import content_key, render_fragment

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


def test_the_key_changes_with_any_value():
    rows = [(1, "Título", datetime.date(2026, 1, 2)), (2, "Outro", None)]
    changed = [(1, "Título", datetime.date(2026, 1, 3)), (2, "Outro", None)]
    assert content_key(rows) == content_key(list(rows))
    assert content_key(rows) != content_key(changed)
    assert content_key(rows, 1) != content_key(rows, 2)


def test_the_key_changes_with_the_language_and_the_time_zone():
    with translation.override("pt-pt"):
        portuguese = content_key("x")
        with timezone.override("Atlantic/Azores"):
            azores = content_key("x")
    with translation.override("en"):
        english = content_key("x")
    assert len({portuguese, azores, english}) == 3


def test_a_lazy_translation_counts_as_its_text():
    with translation.override("en"):
        assert content_key(gettext_lazy("Submitted")) == content_key("Submitted")


def test_it_refuses_what_is_not_a_plain_value(secretariat):
    with pytest.raises(TypeError, match="plain values"):
        content_key([secretariat])


@pytest.fixture(autouse=True)
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
