"""The pt-PT catalogue is complete and compiled, and dates and numbers follow pt-PT conventions."""

import ast
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "pt_PT" / "LC_MESSAGES"
PO_FILE = CATALOGUE / "django.po"
MO_FILE = CATALOGUE / "django.mo"
APRIL_30_2022 = date(2022, 4, 30)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@dataclass
class Entry:
    """One message of a .po file."""

    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def parse_po(text: str) -> list[Entry]:
    """Parse a .po file: the header first, obsolete ``#~`` entries left out."""
    entries: list[Entry] = []
    entry: Entry | None = None
    key: tuple[str, int] = ("msgid", 0)
    flags: set[str] = set()
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith('"'):
            keyword, _, quoted = "", "", line
        else:
            keyword, _, quoted = line.partition(" ")
        value = ast.literal_eval(quoted)
        starts_entry = keyword == "msgctxt" or (keyword == "msgid" and entry and entry.msgstr)
        if entry is None or starts_entry:
            entry = Entry(flags=flags)
            entries.append(entry)
            flags = set()
        if keyword:
            match = re.fullmatch(r"msgstr(?:\[(\d+)\])?", keyword)
            key = ("msgstr", int(match.group(1) or 0)) if match else (keyword, 0)
            if match:
                entry.msgstr[key[1]] = ""
            elif keyword not in {"msgctxt", "msgid", "msgid_plural"}:
                raise ValueError(f"Unknown keyword in {raw!r}")
            else:
                setattr(entry, keyword, "")
        name, index = key
        if name == "msgstr":
            entry.msgstr[index] += value
        else:
            setattr(entry, name, getattr(entry, name) + value)
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return parse_po(PO_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def messages(entries: list[Entry]) -> list[Entry]:
    return [entry for entry in entries if entry.msgid]


def label(entry: Entry) -> str:
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def test_the_catalogue_header_declares_portuguese_of_portugal_in_utf8_with_two_plural_forms(
    entries,
):
    header = entries[0]
    assert header.msgid == ""
    assert "fuzzy" not in header.flags
    assert "Language: pt_PT\n" in header.msgstr[0]
    assert "Content-Type: text/plain; charset=UTF-8\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header.msgstr[0]


def test_every_catalogue_entry_is_translated_and_none_is_fuzzy(messages):
    assert len(messages) > 100
    untranslated = [label(e) for e in messages if not all(e.msgstr.values())]
    fuzzy = [label(e) for e in messages if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


def test_plural_entries_have_both_portuguese_forms(messages):
    plurals = [e for e in messages if e.msgid_plural is not None]
    assert plurals
    assert [label(e) for e in plurals if sorted(e.msgstr) != [0, 1]] == []


def test_translations_keep_the_placeholders_of_their_source(messages):
    mismatched = []
    for entry in messages:
        source = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in entry.msgstr.values():
            if set(PLACEHOLDER.findall(text)) != source:
                mismatched.append(label(entry))
    assert mismatched == []


def test_ordinals_use_the_masculine_ordinal_indicator_never_the_degree_sign(messages):
    assert [label(e) for e in messages if "\u00b0" in "".join(e.msgstr.values())] == []


@pytest.mark.parametrize(
    ("msgid", "wording"),
    [
        ("This invitation expired on %(date)s.", "expirou"),
        ("A person with this e-mail address already has an account.", "já tem uma conta"),
        ("Only a pending invitation can be revoked.", "pendente"),
        ("You cannot deactivate your own account.", "própria conta"),
        ("%(entity)s already has all its seats filled (%(seats)s).", "lugares"),
    ],
)
def test_messages_checked_elsewhere_use_the_agreed_wording(msgid, wording):
    with translation.override("pt-pt"):
        assert wording in translation.gettext(msgid)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (gettext) is not installed")
def test_the_compiled_catalogue_matches_the_po_file():
    compiled = subprocess.run(
        [shutil.which("msgfmt"), "--check-format", "-o", "-", str(PO_FILE)],
        capture_output=True,
        check=True,
    ).stdout
    assert compiled == MO_FILE.read_bytes(), "run `make messages` and commit django.mo"


def test_the_long_date_is_written_with_the_month_in_lowercase():
    with translation.override("pt-pt"):
        assert formats.date_format(APRIL_30_2022, "DATE_FORMAT") == "30 de abril de 2022"


def test_the_weekday_is_written_in_lowercase():
    with translation.override("pt-pt"):
        assert (
            formats.date_format(APRIL_30_2022, r"l, j \d\e F \d\e Y")
            == "sábado, 30 de abril de 2022"
        )


def test_every_month_and_weekday_name_is_lowercase():
    with translation.override("pt-pt"):
        months = [formats.date_format(date(2022, m, 1), "F") for m in range(1, 13)]
        alt_months = [formats.date_format(date(2022, m, 1), "E") for m in range(1, 13)]
        week = [date(2022, 4, 25) + timedelta(days=n) for n in range(7)]  # Monday to Sunday
        weekdays = [formats.date_format(day, "l D") for day in week]
    assert months[0] == "janeiro"
    assert months[11] == "dezembro"
    assert alt_months == months
    assert weekdays[0] == "segunda-feira seg"
    assert weekdays[6] == "domingo dom"
    assert all(name == name.lower() for name in months + weekdays)


def test_the_short_date_is_day_month_year_with_slashes():
    with translation.override("pt-pt"):
        assert formats.date_format(APRIL_30_2022, "SHORT_DATE_FORMAT") == "30/04/2022"


def test_numbers_group_thousands_with_a_no_break_space_and_use_a_decimal_comma():
    with translation.override("pt-pt"):
        assert formats.number_format(1234567.89, 2, force_grouping=True) == "1\u00a0234\u00a0567,89"


def test_switching_to_english_gives_english_dates_in_the_european_order():
    with translation.override("en"):
        assert formats.date_format(APRIL_30_2022, "DATE_FORMAT") == "30 Apr 2022"


def test_the_portal_runs_on_lisbon_time():
    assert settings.TIME_ZONE == "Europe/Lisbon"
