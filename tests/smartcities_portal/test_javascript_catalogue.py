"""The Markdown editor's words live in the pt-PT catalogue and reach the browser through
Django's JavaScript catalogue."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

JS_PO = Path("locale/pt_PT/LC_MESSAGES/djangojs.po")


def test_every_editor_string_is_in_the_djangojs_catalogue_and_translated():
    from tests.smartcities_portal.test_translations import parse_po

    source = Path("static/js/markdown-editor.js").read_text(encoding="utf-8")
    used = set(re.findall(r'gettext\("((?:[^"\\]|\\.)+)"\)', source))
    used = {text.replace("\\n", "\n") for text in used}
    entries = {e.msgid: e for e in parse_po(JS_PO.read_text(encoding="utf-8")) if e.msgid}
    assert len(used) > 20
    assert used <= set(entries), used - set(entries)
    assert all(all(entries[text].msgstr.values()) for text in used)
    assert not any("fuzzy" in entry.flags for entry in entries.values())


def test_the_catalogue_view_gives_the_portuguese_words(client):
    response = client.get("/i18n/js/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ajuda de Markdown" in body
    assert "Pr\\u00e9-visualizar" in body  # JSON escapes what is not ASCII


def test_the_catalogue_view_gives_english_in_english(client):
    client.cookies["django_language"] = "en"
    body = client.get("/i18n/js/").content.decode()
    assert "Ajuda de Markdown" not in body


def test_the_edit_page_loads_the_catalogue_before_the_editor(client, secretariat):
    from tests import factories

    section = factories.section(actor=secretariat, title="Visão")
    client.force_login(secretariat)
    page = client.get(f"/documentos/estrategia/{section.pk}/editar/").content.decode()
    assert page.index('src="/i18n/js/"') < page.index("markdown-editor.js")
