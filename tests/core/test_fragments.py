"""Fragment keys change with every value shown, the language and the time zone."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from core.fragments import content_key


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
