"""The home page lists what each person must do, each entry linking where it is done; empty
lists say what will appear; the queries do not grow with the data."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from contributions import services as contribution_services
from governance import services as governance_services
from governance.models import Entity
from smartcities_portal import dashboard
from strategy import services as strategy_services
from strategy.models import Release
from tests import factories

pytestmark = pytest.mark.django_db


def home(client, person) -> str:
    client.force_login(person)
    response = client.get("/painel/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_secretariat_sees_agendas_requests_contributions_minutes_and_reviews(
    client, secretariat, representative, organisation_contact
):
    planned = factories.meeting(actor=secretariat, title="Reunião de março")
    factories.agenda_item(actor=representative, meeting=planned)
    governance_services.agenda_submit(actor=representative, meeting=planned)
    organisation = factories.organisation(actor=secretariat)
    contribution_services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=organisation_contact
    )
    call = factories.call_for_contributions(actor=secretariat)
    factories.initiative(actor=organisation_contact, call=call, submit=True, title="Rede verde")
    section = factories.section(actor=secretariat, title="Governação", editors=[representative])
    strategy_services.section_change_status(
        actor=representative, section=section, status="in_review"
    )
    page = home(client, secretariat)
    assert f'href="{planned.get_absolute_url()}"' in page and "Reunião de março" in page
    assert "Rede verde" in page
    assert section.get_absolute_url() in page
    assert "Nenhum pedido de especialista" in page
    assert "Não há atas em circulação" in page


def test_a_representative_sees_sections_comments_items_and_meetings(
    client, secretariat, representative
):
    section = factories.section(actor=secretariat, title="Mobilidade", editors=[representative])
    strategy_services.comment_add(actor=secretariat, section=section, body="Falta a fonte")
    meeting = factories.meeting(actor=secretariat, title="Plenário de abril")
    item = factories.agenda_item(actor=representative, meeting=meeting, title="Dados abertos")
    page = home(client, representative)
    assert section.get_absolute_url() in page
    assert "Falta a fonte" in page
    assert item.get_absolute_url() in page and "Plenário de abril" in page
    assert "Agendas awaiting approval" not in page and "Ordens de trabalhos" not in page


def test_a_comment_of_mine_that_nobody_answered_is_not_awaiting_me(
    client, secretariat, representative
):
    section = factories.section(actor=secretariat, title="Mobilidade", editors=[representative])
    strategy_services.comment_add(actor=representative, section=section, body="Nota minha")
    assert "Nota minha" not in home(client, representative)


def test_a_thread_awaits_me_while_someone_else_spoke_last(client, secretariat, representative):
    section = factories.section(actor=secretariat, title="Mobilidade", editors=[representative])
    thread = strategy_services.comment_add(
        actor=representative, section=section, body="Pergunta minha"
    )
    strategy_services.comment_add(
        actor=secretariat, section=section, body="Resposta do secretariado", thread=thread
    )
    assert "Pergunta minha" in home(client, representative)
    strategy_services.comment_add(
        actor=representative, section=section, body="Obrigada", thread=thread
    )
    assert "Pergunta minha" not in home(client, representative)


def test_the_secretariat_sees_which_entities_have_vacant_seats(client, secretariat):
    page = home(client, secretariat)
    vacant = [entity for entity in Entity.objects.with_seat_counts() if entity.vacant_seats]
    assert vacant, "the data migrations leave seats to fill"
    assert all(escape(entity.short_name) in page for entity in vacant)
    total = sum(entity.vacant_seats for entity in vacant)
    label = "lugar vago" if total == 1 else "lugares vagos"
    assert f'<span class="figure">{total}</span> {label}' in page


def test_an_admitted_specialist_sees_items_their_meetings_and_granted_sections(
    client, secretariat, specialist
):
    dgt = factories.RepresentativeFactory(entity=factories.entity("dgt"))
    meeting = factories.approved_meeting(actor=secretariat, title="Plenário técnico")
    item = meeting.items.order_by("position").last()
    request = governance_services.specialist_request_create(
        actor=dgt, meeting=meeting, specialist=specialist, items=[item]
    )
    governance_services.specialist_request_decide(actor=secretariat, request=request, admit=True)
    section = factories.section(actor=secretariat, title="Dados territoriais")
    strategy_services.section_reader_grant(actor=secretariat, section=section, person=specialist)
    hidden = factories.section(actor=secretariat, title="Secção reservada")
    page = home(client, specialist)
    assert item.get_absolute_url() in page and "Plenário técnico" in page
    assert section.get_absolute_url() in page
    assert hidden.get_absolute_url() not in page
    assert "não tem nada pendente" not in page


def test_an_organisation_contact_sees_calls_and_their_contributions(
    client, secretariat, organisation_contact
):
    organisation = factories.organisation(actor=secretariat)
    contribution_services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=organisation_contact
    )
    call = factories.call_for_contributions(actor=secretariat, title="Pedido de 2022")
    mine = factories.initiative(actor=organisation_contact, call=call, title="Praça digital")
    page = home(client, organisation_contact)
    assert call.get_absolute_url() in page and mine.get_absolute_url() in page
    assert "Rascunho" in page
    assert "Não está convidado" in page


def test_the_government_sees_releases_shared_with_it_only(
    client, secretariat, government, monkeypatch
):
    monkeypatch.setattr("strategy.services.releases._enqueue_render", lambda render: None)
    factories.section(actor=secretariat, title="Visão")
    deliverable = factories.deliverable()
    shared = strategy_services.release_publish(
        actor=secretariat,
        deliverable=deliverable,
        label="v0.1",
        kind=Release.Kind.WORKING_DRAFT,
        visibility=Release.Visibility.GOVERNMENT,
    )
    internal = strategy_services.release_publish(
        actor=secretariat,
        deliverable=deliverable,
        label="v0.2",
        kind=Release.Kind.WORKING_DRAFT,
        visibility=Release.Visibility.MEMBERS,
    )
    page = home(client, government)
    assert shared.get_absolute_url() in page
    assert internal.get_absolute_url() not in page


def test_the_empty_states_say_what_will_appear(client, representative, government):
    page = home(client, representative)
    assert "Secções que o secretariado lhe atribuir vão aparecer aqui" in page
    assert "As reuniões que o secretariado planear vão aparecer aqui" in page
    assert "versões finais vão aparecer aqui" in home(client, government)


def panel(page: str, heading_id: str) -> str:
    """The card of the home page whose heading has ``heading_id`` ("" when it is not there)."""
    start = page.find(f'id="{heading_id}"')
    return "" if start < 0 else page[start : page.index("</section>", start)]


def test_an_agenda_leaves_the_list_once_approved_while_the_meeting_stays_upcoming(
    client, secretariat, representative
):
    meeting = factories.meeting(actor=secretariat, title="Reunião de maio")
    factories.agenda_item(actor=representative, meeting=meeting)
    governance_services.agenda_submit(actor=representative, meeting=meeting)
    assert "Reunião de maio" in panel(home(client, secretariat), "todo-agendas")
    governance_services.agenda_approve(actor=secretariat, meeting=meeting)
    page = home(client, secretariat)
    assert "Reunião de maio" not in panel(page, "todo-agendas")
    assert "Nenhuma ordem de trabalhos aguarda aprovação" in panel(page, "todo-agendas")
    assert "Reunião de maio" in panel(page, "todo-meetings")


def test_a_renamed_meeting_shows_its_new_title_at_once(client, secretariat):
    meeting = factories.meeting(actor=secretariat, title="Reunião de junho")
    assert "Reunião de junho" in panel(home(client, secretariat), "todo-meetings")
    governance_services.meeting_update(
        actor=secretariat,
        meeting=meeting,
        title="Reunião extraordinária",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
    )
    upcoming = panel(home(client, secretariat), "todo-meetings")
    assert "Reunião extraordinária" in upcoming and "Reunião de junho" not in upcoming


def test_a_contribution_moves_from_without_reviewers_to_its_reviewers_list(
    client, secretariat, representative, organisation_contact
):
    organisation = factories.organisation(actor=secretariat)
    contribution_services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=organisation_contact
    )
    call = factories.call_for_contributions(actor=secretariat)
    contribution = factories.initiative(
        actor=organisation_contact, call=call, submit=True, title="Bairro solar"
    )
    assert "Bairro solar" in panel(home(client, secretariat), "todo-unassigned")
    assert "Bairro solar" not in panel(home(client, representative), "todo-contrib-review")
    contribution_services.reviewer_assign(
        actor=secretariat, contribution=contribution, person=representative
    )
    assert "Bairro solar" not in panel(home(client, secretariat), "todo-unassigned")
    assert "Bairro solar" in panel(home(client, representative), "todo-contrib-review")


def test_a_section_sent_to_review_shows_its_new_state_to_its_editor(
    client, secretariat, representative
):
    section = factories.section(actor=secretariat, title="Dados urbanos", editors=[representative])
    assert "Rascunho" in panel(home(client, representative), "todo-edit")
    strategy_services.section_change_status(
        actor=representative, section=section, status="in_review"
    )
    edited = panel(home(client, representative), "todo-edit")
    assert "Em revisão" in edited and "Rascunho" not in edited
    assert section.get_absolute_url() in panel(home(client, secretariat), "todo-review")


def test_a_contact_sees_their_contribution_submitted_at_once(
    client, secretariat, organisation_contact
):
    organisation = factories.organisation(actor=secretariat)
    contribution_services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=organisation_contact
    )
    call = factories.call_for_contributions(actor=secretariat)
    draft = factories.initiative(actor=organisation_contact, call=call, title="Praça digital")
    assert "Rascunho" in panel(home(client, organisation_contact), "todo-mine")
    contribution_services.contribution_submit(actor=organisation_contact, contribution=draft)
    mine = panel(home(client, organisation_contact), "todo-mine")
    assert "Praça digital" in mine and "Rascunho" not in mine


def test_the_government_sees_a_release_as_soon_as_it_is_shared(
    client, secretariat, government, monkeypatch
):
    monkeypatch.setattr("strategy.services.releases._enqueue_render", lambda render: None)
    factories.section(actor=secretariat, title="Visão")
    assert "versões finais vão aparecer aqui" in home(client, government)
    shared = strategy_services.release_publish(
        actor=secretariat,
        deliverable=factories.deliverable(),
        label="v0.1",
        kind=Release.Kind.WORKING_DRAFT,
        visibility=Release.Visibility.GOVERNMENT,
    )
    assert shared.get_absolute_url() in panel(home(client, government), "todo-releases")


def test_each_person_gets_their_own_lists_after_someone_else_saw_theirs(
    client, secretariat, representative, government
):
    secretariat_page = home(client, secretariat)
    assert panel(secretariat_page, "todo-agendas") and panel(secretariat_page, "todo-seats")
    representative_page = home(client, representative)
    assert not panel(representative_page, "todo-agendas")
    assert not panel(representative_page, "todo-seats")
    assert panel(representative_page, "todo-meetings")
    government_page = home(client, government)
    assert panel(government_page, "todo-releases") and not panel(government_page, "todo-meetings")


def test_a_superuser_without_an_organisation_has_no_contribution_lists(client):
    admin = factories.UserFactory(email="admin@portal.example", is_superuser=True)
    page = home(client, admin)
    assert panel(page, "todo-agendas") and not panel(page, "todo-calls")


def test_the_lists_are_rendered_again_only_when_a_value_they_show_changes(
    client, secretariat, monkeypatch
):
    cache.clear()  # nothing rendered by an earlier test
    rendered = []
    link = dashboard._link
    monkeypatch.setattr(dashboard, "_link", lambda todo: rendered.append(1) or link(todo))
    home(client, secretariat)
    home(client, secretariat)
    assert len(rendered) == 1
    factories.meeting(actor=secretariat, title="Reunião nova")
    assert "Reunião nova" in panel(home(client, secretariat), "todo-meetings")
    assert len(rendered) == 2


def queries(client, person) -> int:
    client.force_login(person)
    client.get("/painel/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/painel/").status_code == 200
    return len(captured)


def add_work(secretariat, representative, n: int) -> None:
    for i in range(n):
        section = factories.section(actor=secretariat, title=f"S{i}", editors=[representative])
        strategy_services.comment_add(actor=secretariat, section=section, body=f"Nota {i}")
        meeting = factories.meeting(actor=secretariat, title=f"R{i}", days_ahead=3 + i)
        factories.agenda_item(actor=representative, meeting=meeting)
        governance_services.agenda_submit(actor=representative, meeting=meeting)


def test_the_home_page_queries_do_not_grow_with_the_data(client, secretariat, representative):
    add_work(secretariat, representative, 2)
    few = (queries(client, secretariat), queries(client, representative))
    add_work(secretariat, representative, 12)
    assert (queries(client, secretariat), queries(client, representative)) == few
