"""Who else has a section open for editing, and the notice that someone saved meanwhile."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Presence
from core.presence import EXPIRES_AFTER, presence_record, present_others
from strategy import services
from strategy.models import Section
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def presence_url(section) -> str:
    return f"/documentos/{section.deliverable.slug}/{section.pk}/presenca/"


def beat(client, section, base_revision=None, seen_revision=""):
    return client.post(
        presence_url(section),
        {
            "base_revision": section.revision if base_revision is None else base_revision,
            "seen_revision": seen_revision,
        },
        headers=HTMX,
    )


def test_opening_the_edit_form_shows_me_to_the_other_editors(
    client, representative, co_editor, vision
):
    client.force_login(representative)
    client.get(f"/documentos/estrategia/{vision.pk}/editar/")
    client.force_login(co_editor)
    page = client.get(f"/documentos/estrategia/{vision.pk}/editar/")
    assert [p.user for p in page.context["present"]] == [representative]
    assert "Rita Representante" in page.content.decode()
    section_page = client.get(f"/documentos/estrategia/{vision.pk}/")
    assert [p.user for p in section_page.context["present"]] == [representative]


def test_a_heartbeat_records_the_editor_and_answers_with_the_others(
    client, representative, co_editor, vision
):
    client.force_login(co_editor)
    assert beat(client, vision).status_code == 200
    client.force_login(representative)
    response = beat(client, vision)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Duarte DGT" in html
    assert "<html" not in html
    assert Presence.objects.filter(object_id=vision.pk).count() == 2


def test_the_list_leaves_out_me_and_people_gone_quiet(representative, co_editor, vision):
    presence_record(obj=vision, user=representative)
    presence_record(obj=vision, user=co_editor)
    Presence.objects.filter(user=co_editor).update(
        seen_at=timezone.now() - EXPIRES_AFTER - timedelta(seconds=1)
    )
    assert present_others(vision, representative) == []
    presence_record(obj=vision, user=representative)  # a heartbeat forgets the stale rows
    assert not Presence.objects.filter(user=co_editor).exists()


def test_a_heartbeat_twice_keeps_one_row_per_person(representative, vision):
    presence_record(obj=vision, user=representative)
    presence_record(obj=vision, user=representative)
    assert Presence.objects.filter(user=representative).count() == 1


def test_the_heartbeat_tells_me_once_that_someone_saved_a_newer_revision(
    client, representative, co_editor, vision
):
    client.force_login(representative)
    base = vision.revision
    assert "hx-swap-oob" not in beat(client, vision).content.decode()
    newer = services.section_update(
        actor=co_editor,
        section=vision,
        base_revision=base,
        title=vision.title,
        body="Territórios inteligentes, coesos e abertos.",
    )
    response = beat(client, newer, base_revision=base, seen_revision=0)
    html = response.content.decode()
    notice = html[html.index('hx-swap-oob="innerHTML"') :]
    assert "Duarte DGT" in notice
    assert str(newer.revision) in notice
    ids = dict(newer.history.values_list("revision", "history_id"))
    assert f"comparar/?de={ids[base]}&amp;para={ids[newer.revision]}" in html
    assert 'hx-swap-oob="innerHTML"' in html
    assert f'value="{newer.revision}"' in html  # the revision I was told about
    again = beat(client, newer, base_revision=base, seen_revision=newer.revision)
    assert "hx-swap-oob" not in again.content.decode()


def test_a_heartbeat_for_a_section_one_cannot_see_is_not_found_and_stores_nothing(
    client, specialist, vision
):
    client.force_login(specialist)
    assert beat(client, vision).status_code == 404
    assert client.get(presence_url(vision), headers=HTMX).status_code == 404
    assert not Presence.objects.exists()


def test_a_reader_who_may_not_edit_cannot_send_a_heartbeat(client, secretariat, specialist, vision):
    services.section_reader_grant(actor=secretariat, section=vision, person=specialist)
    client.force_login(specialist)
    assert client.get(presence_url(vision), headers=HTMX).status_code == 200
    assert beat(client, vision).status_code == 403
    assert not Presence.objects.exists()


@pytest.mark.parametrize("base_revision", ["", "abc", "0", "999"])
def test_a_forged_base_revision_is_refused_and_stores_nothing(
    client, representative, vision, base_revision
):
    client.force_login(representative)
    response = beat(client, vision, base_revision=base_revision)
    assert response.status_code == 400
    assert "revis" in response.content.decode()
    assert not Presence.objects.exists()


def test_the_section_page_list_is_read_only(client, representative, vision):
    client.force_login(representative)
    response = client.get(presence_url(vision), headers=HTMX)
    assert response.status_code == 200
    assert not Presence.objects.exists()


def test_a_heartbeat_after_the_session_ended_says_so_and_stops_polling(client, vision):
    response = beat(client, vision)
    assert response.status_code == 286
    assert response["HX-Retarget"] == "#aviso-revisao"
    assert "/conta/entrar/?next=" in response.content.decode()
    without_htmx = client.post(presence_url(vision), {"base_revision": 1})
    assert without_htmx.status_code == 302
    assert not Presence.objects.exists()


def test_saving_takes_me_off_the_list(client, representative, co_editor, vision):
    client.force_login(representative)
    client.get(f"/documentos/estrategia/{vision.pk}/editar/")
    client.post(
        f"/documentos/estrategia/{vision.pk}/editar/",
        {"title": "Visão", "body": "Novo texto.", "base_revision": vision.revision},
    )
    assert Section.objects.get(pk=vision.pk).body == "Novo texto."
    assert present_others(vision, co_editor) == []


def test_presence_is_kept_per_object(representative, co_editor, secretariat, vision):
    other = factories.section(actor=secretariat, title="Outra", editors=[co_editor])
    presence_record(obj=other, user=co_editor)
    assert present_others(vision, representative) == []
    assert Presence.objects.get().content_type == ContentType.objects.get_for_model(Section)


def heartbeat_queries(client, section) -> int:
    beat(client, section)  # warm the session, content-type and permission caches
    with CaptureQueriesContext(connection) as captured:
        assert beat(client, section).status_code == 200
    return len(captured)


def test_the_heartbeat_costs_the_same_queries_with_2_and_with_40_editors(
    client, secretariat, representative, vision
):
    def editors_present(count: int, start: int) -> None:
        # Members of the secretariat: the seats of an entity would not hold 40 representatives.
        for n in range(start, start + count):
            person = factories.SecretariatFactory(email=f"editor{n}@empd.example")
            presence_record(obj=vision, user=person)

    client.force_login(representative)
    editors_present(2, 0)
    few = heartbeat_queries(client, vision)
    editors_present(38, 2)
    assert heartbeat_queries(client, vision) == few
    assert len(present_others(vision, representative)) == 40
