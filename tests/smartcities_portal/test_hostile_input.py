"""Hostile input stays inert: every payload of the XSS corpus, typed into the portal's free-text
fields, reaches no page as something that runs (the pages are parsed, not grepped); HTML is
refused where the model says so, with a message; Unicode round-trips, NUL is refused cleanly."""

import pytest

from core.markup import render_markdown
from governance import services as governance_services
from strategy.services import comments as comment_services
from tests import factories
from tests.hostile import XSS_CORPUS, active_content

pytestmark = pytest.mark.django_db

CORPUS_TEXT = "\n\n".join(XSS_CORPUS)


def test_the_corpus_is_large_enough():
    assert len(XSS_CORPUS) >= 50


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_the_markdown_renderer_leaves_every_payload_inert(payload):
    assert active_content(str(render_markdown(payload))) == []


def test_the_checker_sees_what_would_run():
    """The parser-based check is not blind: raw payloads are flagged."""
    flagged = [payload for payload in XSS_CORPUS if active_content(payload)]
    assert len(flagged) >= 35


@pytest.fixture
def hostile_section(secretariat, representative):
    return factories.section(
        actor=secretariat,
        title=XSS_CORPUS[2][:200],
        body=CORPUS_TEXT,
        editors=[representative],
    )


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_section_and_its_comments_with_the_corpus_are_inert(
    client, secretariat, representative, hostile_section
):
    for payload in XSS_CORPUS[:20]:
        comment_services.comment_add(actor=representative, section=hostile_section, body=payload)
    client.force_login(secretariat)
    for url in [
        hostile_section.get_absolute_url(),
        hostile_section.get_absolute_url() + "historico/",
        hostile_section.deliverable.get_absolute_url(),
    ]:
        assert active_content(page(client, url), whole_page=True) == [], url


def test_the_section_form_saves_the_corpus_and_shows_it_inert(
    client, representative, hostile_section
):
    client.force_login(representative)
    response = client.post(
        hostile_section.get_absolute_url() + "editar/",
        {
            "title": "Visão <svg onload=alert(1)>",
            "body": CORPUS_TEXT + "\n\nmais",
            "base_revision": hostile_section.revision,
        },
    )
    assert response.status_code == 302
    assert active_content(page(client, hostile_section.get_absolute_url()), whole_page=True) == []


def test_meetings_agenda_minutes_and_actions_with_the_corpus_are_inert(
    client, secretariat, representative
):
    meeting = factories.approved_meeting(actor=secretariat, title="Reunião <img src=x onerror=1>")
    governance_services.meeting_convene(actor=secretariat, meeting=meeting)
    factories.move_to_past(meeting)
    meeting = governance_services.meeting_mark_held(actor=secretariat, meeting=meeting)
    minutes = governance_services.minutes_save(
        actor=secretariat, meeting=meeting, body=CORPUS_TEXT, base_revision=0
    )
    for payload in XSS_CORPUS[:10]:
        governance_services.decision_add(actor=secretariat, minutes=minutes, text=payload)
    governance_services.action_item_add(
        actor=secretariat,
        minutes=minutes,
        description=XSS_CORPUS[0],
        owner=representative,
        due_on=meeting.starts_at.date(),
    )
    client.force_login(secretariat)
    for url in [meeting.get_absolute_url(), meeting.get_absolute_url() + "ata/", "/reunioes/"]:
        assert active_content(page(client, url), whole_page=True) == [], url


def test_an_agenda_item_with_the_corpus_is_inert(client, secretariat):
    meeting = factories.meeting(actor=secretariat)
    for payload in XSS_CORPUS[:15]:
        governance_services.agenda_item_add(
            actor=secretariat, meeting=meeting, title=payload[:200], description=payload
        )
    client.force_login(secretariat)
    assert active_content(page(client, meeting.get_absolute_url()), whole_page=True) == []


@pytest.mark.parametrize(
    "text",
    [
        "Coesão, ação e participação — «cidades» à escala local",
        "Mobilidade 🚲🚌 e energia ⚡ verde 🌱",
        "مدينة ذكية — עיר חכמה — mixed ‮RTL override‬ text",
        "Zero\u200bwidth and combining e\u0301",
    ],
    ids=["accents", "emoji", "right-to-left", "zero-width"],
)
def test_unicode_text_round_trips_through_the_section_form(
    client, representative, hostile_section, text
):
    client.force_login(representative)
    response = client.post(
        hostile_section.get_absolute_url() + "editar/",
        {"title": "Visão", "body": text, "base_revision": hostile_section.revision},
    )
    assert response.status_code == 302
    hostile_section.refresh_from_db()
    assert hostile_section.body == text
    assert text.split()[0] in page(client, hostile_section.get_absolute_url())


def test_a_nul_character_is_refused_with_a_message(client, representative, hostile_section):
    client.force_login(representative)
    before = hostile_section.revision
    response = client.post(
        hostile_section.get_absolute_url() + "editar/",
        {"title": "Vi\x00são", "body": "texto\x00", "base_revision": before},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    hostile_section.refresh_from_db()
    assert hostile_section.revision == before


def test_html_in_a_contribution_is_refused_with_a_message(
    client, secretariat, organisation_contact
):
    from contributions import services as contribution_services

    organisation = factories.organisation(actor=secretariat)
    contribution_services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=organisation_contact
    )
    call = factories.call_for_contributions(actor=secretariat)
    refused = 0
    for payload in XSS_CORPUS:
        try:
            factories.initiative(actor=organisation_contact, call=call, summary=payload)
        except Exception as error:  # the refusal must be a ValidationError
            assert type(error).__name__ == "ValidationError", error
            refused += 1
    assert refused >= 40
