"""Every page the URL conf reaches, for each role, speaks pt-PT: no string that Django, a
library or the portal writes in English is left untranslated by the pt-PT catalogue.

A page's visible text (and its labels: placeholder, title, aria-label, alt, button values) is
compared with every English source string of the catalogues the portal uses (Django's, its
contrib apps', the libraries' and our own). A text that is one of those strings and reads the
same after translation to pt-PT is English the reader sees. Words that are the same in both
languages (PDF, Markdown, NUTS II…) are listed below, with why.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

pytestmark = pytest.mark.django_db

#: Catalogue strings that are the same word in pt-PT (checked by hand).
SAME_IN_BOTH = {
    "PDF",
    "CSV",
    "JSON",
    "Markdown",
    "NUTS II",
    "NUTS III",
    "Email",
    "URL",
    "ID",
    "OK",
    "Total",
    "Portal",
    "Smart Cities",
    "v",
    "DOCX",
    "ODT",
    "HTML",
    "iCalendar",
    "Normal",
    "Final",  # a final release: «Final» in pt-PT too
    "final",
}
#: Attributes whose values a person reads (or a screen reader says).
READ_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt", "value", "label"}
#: URL names not pages: downloads, feeds, actions that only POST, the sign-out.
NOT_PAGES = {
    "logout",
    "healthz",
    "set_language",
    "javascript-catalog",
    "meetings:calendar_feed",
    "meetings:meeting_ics",
    "releases:download",
    "releases:pdf_download",
    "contributions:catalogue_export",
    "contributions:attachment",
    "meetings:material",
    "strategy:deliverable_export",
    "strategy:section_presence",
    "meetings:minutes_presence",
    "strategy:preview",
}


def _source_strings() -> set[str]:
    """The msgids of every catalogue the portal loads (Django, contrib, libraries, ours).

    Msgids are the same in every language file of a catalogue: the English one is read where
    there is one (it holds the newest strings, which other languages may not have yet).
    """
    site = Path(django.__file__).parent.parent
    roots = [Path(django.__file__).parent, Path("locale")]
    roots += [site / name for name in ("guardian", "simple_history", "django_tasks_db")]
    strings: set[str] = set()
    for root in roots:
        for locale in [root] if root.name == "locale" else root.rglob("locale"):
            languages = [locale / "en", locale / "pt_PT", locale / "pt"]
            chosen = next((d for d in languages if d.is_dir()), None)
            if chosen is None:
                continue
            for po in chosen.glob("LC_MESSAGES/*.po"):
                text = po.read_text(encoding="utf-8")
                strings |= set(re.findall(r'^msgid "(.+)"$', text, re.M))
    return {s.replace('\\"', '"') for s in strings}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0  # inside <script>, <style> or an element marked lang="en"
        self._stack: list[bool] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = tag in {"script", "style"} or (attrs.get("lang") or "").startswith("en")
        if tag not in {"input", "img", "br", "meta", "link", "hr", "source"}:
            self._stack.append(skip)
            self._skip += skip
        if not self._skip and not skip:
            if tag == "input" and attrs.get("type") == "hidden":
                return
            self.texts += [attrs[a] for a in READ_ATTRIBUTES if attrs.get(a)]

    def handle_endtag(self, tag):
        if tag not in {"input", "img", "br", "meta", "link", "hr", "source"} and self._stack:
            self._skip -= self._stack.pop()

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def _english_left(html: str, english: set[str]) -> set[str]:
    parser = _Text()
    parser.feed(html)
    left = set()
    for text in parser.texts:
        for candidate in {text, text.rstrip(":."), text.strip("()[]«»")}:
            if (
                candidate in english
                and candidate not in SAME_IN_BOTH
                and re.search(r"[a-z]{2}", candidate)
            ):
                left.add(candidate)
    return left


def _pages():
    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith("admin/"):
                    continue
                yield from walk(
                    pattern.url_patterns,
                    prefix + str(pattern.pattern),
                    pattern.namespace or namespace,
                )
            elif isinstance(pattern, URLPattern):
                name = (f"{namespace}:" if namespace else "") + (pattern.name or "")
                yield name, prefix + str(pattern.pattern)

    return [(name, route) for name, route in walk(get_resolver().url_patterns)]


#: How a URL's parts are filled from the fixture world (by the kwarg name).
FILL = {
    "slug": lambda w: w.objects["deliverable"].slug,
    "section_id": lambda w: w.ids["section"],
    "version_id": lambda w: w.ids["section_version"],
    "comment_id": lambda w: w.ids["comment"],
    "contribution_id": lambda w: w.ids["submitted_contribution"],
    "attachment_id": lambda w: w.ids["attachment"],
    "organisation_id": lambda w: w.ids["organisation"],
    "call_id": lambda w: w.ids["call"],
    "kind_slug": lambda w: "iniciativa",
    "meeting_id": lambda w: w.ids["meeting"],
    "item_id": lambda w: w.ids["admitted_item"],
    "material_id": lambda w: w.ids["material"],
    "request_id": lambda w: w.ids["pending_specialist_request"],
    "action_item_id": lambda w: w.ids["action_item"],
    "action_id": lambda w: w.ids["plan_action"],
    "release_id": lambda w: w.ids["public_release"],
    "content_hash": lambda w: w.ids["public_release_render"],
    "invitation_id": lambda w: w.ids["invitation"],
    "user_id": lambda w: w.ids["deactivated_person"],
    "link_id": lambda w: w.ids["contribution_link"],
    "attempt_id": lambda w: 1,  # a sign-in lockout: the unlock is POST-only
    "notification_id": lambda w: 1,  # marking read is POST only: the GET answers 405
    "direction": lambda w: "abaixo",
    "fmt": lambda w: "csv",
    "token": lambda w: w.tokens.get("password_reset_token", "x"),
    "uidb64": lambda w: w.tokens.get("uidb64", "x"),
}
#: Pages whose world object of that kind is another one.
FILL_BY_PAGE = {
    "meetings:minutes": {"meeting_id": "held_meeting"},
    "meetings:minutes_edit": {"meeting_id": "held_meeting"},
    "meetings:minutes_history": {"meeting_id": "held_meeting"},
    "meetings:attendance": {"meeting_id": "held_meeting"},
    "contributions:contribution_edit": {"contribution_id": "draft_contribution"},
    "contributions:review_decide": {"contribution_id": "under_review_contribution"},
}


def _path(world, name: str, route: str) -> str:
    def part(match):
        key = match.group(2)
        special = FILL_BY_PAGE.get(name, {}).get(key)
        return str(world.ids[special] if special else FILL[key](world))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", part, route)


def test_every_page_for_every_role_is_in_portuguese(client, portal_world):
    english = _source_strings()
    with translation.override("pt-pt"):
        english = {s for s in english if translation.gettext(s) == s}
    pages = [(name, route) for name, route in _pages() if name not in NOT_PAGES]
    personas = [None, *portal_world.people]
    found: dict[str, set[str]] = {}
    visited = 0
    for persona in personas:
        client.logout()
        if persona:
            client.force_login(portal_world.people[persona])
        for name, route in pages:
            path = _path(portal_world, name, route)
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            visited += 1
            left = _english_left(response.content.decode(), english)
            if left:
                found[f"{persona or 'anonymous'} {path}"] = left
    assert visited > 60, "the walk reached too few pages to mean anything"
    assert not found, "\n".join(f"{page}: {sorted(left)}" for page, left in found.items())


def test_every_admin_page_is_in_portuguese(client, portal_world):
    """The admin's lists, add and change forms of every model, as the secretariat sees them."""
    from django.contrib import admin

    english = _source_strings()
    with translation.override("pt-pt"):
        english = {s for s in english if translation.gettext(s) == s}
    secretariat = portal_world.people["secretariat"]
    secretariat.is_staff = secretariat.is_superuser = True
    secretariat.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(secretariat)
    paths = ["/admin/"]
    for model in admin.site._registry:
        meta = model._meta
        base = f"/admin/{meta.app_label}/{meta.model_name}/"
        paths += [base, base + "add/"]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths += [f"{base}{first.pk}/change/", f"{base}{first.pk}/history/"]
    found = {}
    for path in paths:
        response = client.get(path)
        if response.status_code == 200:
            left = _english_left(response.content.decode(), english)
            if left:
                found[path] = left
    assert not found, "\n".join(f"{page}: {sorted(left)}" for page, left in found.items())
