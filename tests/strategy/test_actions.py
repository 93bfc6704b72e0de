"""The action plan's actions: who keeps them, what is refused, the table, the calendar, the data."""

import re
from datetime import date
from xml.etree import ElementTree

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from strategy import documents, services
from strategy.models import ActionIndicator, PlanAction
from strategy.timeline import timeline_svg
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "/documentos/plano-de-acao/acoes/"
CREATE = LIST + "nova/"
SVG = "{http://www.w3.org/2000/svg}"


def edit_url(action: PlanAction) -> str:
    return f"{LIST}{action.pk}/editar/"


def delete_url(action: PlanAction) -> str:
    return f"{LIST}{action.pk}/remover/"


def form_data(*, indicators=(("Modelos de dados publicados", "50", "modelos"),), **fields) -> dict:
    """The action form as a browser posts it: three indicator rows, the unused ones blank."""
    data = {
        "code": "A1.1",
        "title": "Catálogo nacional de modelos de dados",
        "objective": "oe2",
        "responsible": factories.entity("ama").pk,
        "involved_entities": [factories.entity("dgt").pk, factories.entity("empd").pk],
        "start": "2022-06-01",
        "end": "2023-12-31",
        "funding": "PRR",
        "state": "planned",
        "indicadores-TOTAL_FORMS": "3",
        "indicadores-INITIAL_FORMS": "0",
        "indicadores-MIN_NUM_FORMS": "1",
        "indicadores-MAX_NUM_FORMS": "20",
    }
    rows = list(indicators) + [("", "", "")] * (3 - len(indicators))
    for index, (name, target, unit) in enumerate(rows):
        data[f"indicadores-{index}-name"] = name
        data[f"indicadores-{index}-target"] = target
        data[f"indicadores-{index}-unit"] = unit
    data.update(fields)
    return data


def parse_svg(markup: str) -> ElementTree.Element:
    return ElementTree.fromstring(markup)  # noqa: S314 -- the portal's own markup


def error_codes(response, field: str) -> list[str]:
    return [error.code for error in response.context["form"].errors.as_data().get(field, [])]


@pytest.fixture
def plan():
    return factories.deliverable("plano-de-acao")


@pytest.fixture
def coordinator(secretariat, plan):
    """The DGT's representative, coordinator of the action plan."""
    person = factories.RepresentativeFactory(
        email="duarte@dgt.example", full_name="Duarte DGT", entity=factories.entity("dgt")
    )
    services.deliverable_coordinator_assign(actor=secretariat, deliverable=plan, person=person)
    return person


@pytest.fixture
def catalogue(secretariat):
    return factories.plan_action(actor=secretariat)


# Who may do what ----------------------------------------------------------------------------


def test_the_secretariat_adds_an_action_with_its_entities_dates_and_indicators(client, secretariat):
    client.force_login(secretariat)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, form_data())
    action = PlanAction.objects.get()
    assert response.status_code == 302
    assert response.url == f"{LIST}#acao-{action.pk}"
    assert action.code == "A1.1"
    assert action.responsible.code == "ama"
    assert sorted(e.code for e in action.involved_entities.all()) == ["dgt", "empd"]
    assert (action.start, action.end) == (date(2022, 6, 1), date(2023, 12, 31))
    assert [(i.name, i.target, i.unit) for i in action.indicators.all()] == [
        ("Modelos de dados publicados", "50", "modelos")
    ]
    assert action.history.get().history_user == secretariat


def test_a_coordinator_of_the_plan_adds_and_edits_actions(client, coordinator):
    client.force_login(coordinator)
    assert client.post(CREATE, form_data()).status_code == 302
    action = PlanAction.objects.get()
    indicator = action.indicators.get()
    assert client.get(edit_url(action)).status_code == 200
    data = form_data(
        title="Catálogo nacional de modelos de dados abertos",
        state="in_progress",
        end="2024-06-30",
        involved_entities=[factories.entity("dgal").pk],
        indicators=(("Modelos de dados publicados", "60", ""), ("Municípios aderentes", "30", "")),
    )
    data.update({"indicadores-INITIAL_FORMS": "1", "indicadores-0-id": str(indicator.pk)})
    assert client.post(edit_url(action), data).status_code == 302
    action.refresh_from_db()
    assert action.title == "Catálogo nacional de modelos de dados abertos"
    assert action.state == PlanAction.State.IN_PROGRESS
    assert action.end == date(2024, 6, 30)
    assert [e.code for e in action.involved_entities.all()] == ["dgal"]
    indicators = list(action.indicators.all())
    assert [(i.name, i.target) for i in indicators] == [
        ("Modelos de dados publicados", "60"),
        ("Municípios aderentes", "30"),
    ]
    assert indicators[0].pk == indicator.pk  # changed in place: its history goes on
    assert action.history.first().history_user == coordinator


def test_an_indicator_is_removed_with_its_remove_box(client, secretariat):
    action = factories.plan_action(
        actor=secretariat, indicators=(("Modelos publicados", "50"), ("Municípios", "30"))
    )
    first, second = action.indicators.all()
    client.force_login(secretariat)
    data = form_data(indicators=(("Modelos publicados", "50", ""), ("Municípios", "30", "")))
    data.update(
        {
            "indicadores-INITIAL_FORMS": "2",
            "indicadores-0-id": str(first.pk),
            "indicadores-1-id": str(second.pk),
            "indicadores-1-DELETE": "on",
        }
    )
    assert client.post(edit_url(action), data).status_code == 302
    assert list(action.indicators.values_list("pk", flat=True)) == [first.pk]


def test_a_representative_who_does_not_coordinate_the_plan_reads_but_may_not_change_it(
    client, representative, catalogue
):
    client.force_login(representative)
    page = client.get(LIST)
    assert page.status_code == 200
    assert edit_url(catalogue).encode() not in page.content
    assert CREATE.encode() not in page.content
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data(code="A9.9")).status_code == 403
    assert client.get(edit_url(catalogue)).status_code == 403
    assert client.post(edit_url(catalogue), form_data(title="Outro")).status_code == 403
    assert client.get(delete_url(catalogue)).status_code == 403
    assert client.post(delete_url(catalogue)).status_code == 403
    assert PlanAction.objects.get().title == "Catálogo nacional de modelos de dados"


def test_a_coordinator_of_another_deliverable_may_not_change_the_plan(
    client, secretariat, representative, catalogue
):
    services.deliverable_coordinator_assign(
        actor=secretariat, deliverable=factories.deliverable("estrategia"), person=representative
    )
    client.force_login(representative)
    assert client.get(CREATE).status_code == 403
    with pytest.raises(PermissionDenied):
        services.action_delete(actor=representative, action=catalogue)


@pytest.mark.parametrize("persona", ["organisation_contact", "government", "specialist"])
def test_people_outside_the_group_do_not_see_the_actions(client, request, persona, catalogue):
    client.force_login(request.getfixturevalue(persona))
    for url in (LIST, CREATE, edit_url(catalogue), delete_url(catalogue)):
        assert client.get(url).status_code == 404, url
    assert client.post(CREATE, form_data(code="A9.9")).status_code == 404
    assert client.post(delete_url(catalogue)).status_code == 404
    assert PlanAction.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, catalogue):
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/conta/entrar/" in response.url


def test_an_unknown_action_is_a_404(client, secretariat):
    client.force_login(secretariat)
    assert client.get(f"{LIST}999/editar/").status_code == 404
    assert client.post(f"{LIST}999/remover/").status_code == 404


def test_removing_asks_first_and_history_keeps_the_record(client, secretariat, catalogue):
    client.force_login(secretariat)
    assert client.get(delete_url(catalogue)).status_code == 200
    assert PlanAction.objects.exists()
    response = client.post(delete_url(catalogue))
    assert response.status_code == 302
    assert response.url == LIST
    assert not PlanAction.objects.exists()
    assert not ActionIndicator.objects.exists()
    removal = PlanAction.history.filter(history_type="-").get()
    assert (removal.code, removal.history_user) == ("A1.1", secretariat)
    assert ActionIndicator.history.filter(history_type="-").get().history_user == secretariat


def test_the_pages_refuse_other_http_methods(client, secretariat, catalogue):
    client.force_login(secretariat)
    assert client.post(LIST).status_code == 405
    assert client.put(edit_url(catalogue)).status_code == 405


# Bad input: refused, with the field in error, and nothing stored -----------------------------


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"end": "2022-05-31"}, "end", "end_before_start"),
        ({"start": "2021-12-31"}, "start", "outside_plan"),
        ({"end": "2026-01-01"}, "end", "outside_plan"),
        ({"start": "31 de junho"}, "start", "invalid"),
        ({"responsible": "99999"}, "responsible", "invalid_choice"),
        ({"responsible": ""}, "responsible", "required"),
        ({"involved_entities": ["99999"]}, "involved_entities", "invalid_choice"),
        ({"code": "1.1"}, "code", "invalid"),
        ({"objective": "oe9"}, "objective", "invalid_choice"),
        ({"state": "forgotten"}, "state", "invalid_choice"),
        ({"title": ""}, "title", "required"),
        ({"funding": ""}, "funding", "required"),
        ({"title": "x" * 301}, "title", "max_length"),
    ],
)
def test_bad_action_input_is_refused_and_nothing_is_stored(
    client, secretariat, fields, field, code
):
    client.force_login(secretariat)
    response = client.post(CREATE, form_data(**fields))
    assert response.status_code == 200
    assert code in error_codes(response, field)
    assert not PlanAction.objects.exists()
    assert not ActionIndicator.objects.exists()


def test_the_responsible_entity_is_not_also_an_involved_one(client, secretariat):
    client.force_login(secretariat)
    data = form_data(involved_entities=[factories.entity("ama").pk])
    response = client.post(CREATE, data)
    assert error_codes(response, "involved_entities") == ["responsible_involved"]
    assert not PlanAction.objects.exists()


def test_a_duplicate_code_is_refused(client, secretariat, catalogue):
    client.force_login(secretariat)
    response = client.post(CREATE, form_data(title="Outra ação"))
    assert response.status_code == 200
    assert error_codes(response, "code") == ["unique"]
    assert PlanAction.objects.count() == 1


def test_an_action_without_an_indicator_is_refused(client, secretariat):
    client.force_login(secretariat)
    response = client.post(CREATE, form_data(indicators=()))
    assert response.status_code == 200
    assert response.context["indicators"].total_error_count() > 0
    assert response.context["form"].non_field_errors()  # named in the error summary too
    assert not PlanAction.objects.exists()


def test_an_indicator_without_a_target_is_refused(client, secretariat):
    client.force_login(secretariat)
    response = client.post(CREATE, form_data(indicators=(("Modelos publicados", "", ""),)))
    indicator_errors = response.context["indicators"].forms[0].errors.as_data()
    assert [error.code for error in indicator_errors["target"]] == ["required"]
    assert not PlanAction.objects.exists()


def test_removing_every_indicator_is_refused(client, secretariat, catalogue):
    indicator = catalogue.indicators.get()
    client.force_login(secretariat)
    data = form_data()
    data.update(
        {
            "indicadores-INITIAL_FORMS": "1",
            "indicadores-0-id": str(indicator.pk),
            "indicadores-0-DELETE": "on",
        }
    )
    response = client.post(edit_url(catalogue), data)
    assert response.status_code == 200
    assert [e.code for e in response.context["indicators"].non_form_errors().as_data()] == [
        "too_few_forms"
    ]
    assert catalogue.indicators.get() == indicator


def test_an_indicator_of_another_action_cannot_be_taken_over(client, secretariat, catalogue):
    other = factories.plan_action(actor=secretariat, code="A1.2", title="Replicação")
    client.force_login(secretariat)
    data = form_data(code="A1.2", title="Replicação")
    data.update(
        {"indicadores-INITIAL_FORMS": "1", "indicadores-0-id": catalogue.indicators.get().pk}
    )
    response = client.post(edit_url(other), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert catalogue.indicators.get().target == "50"
    assert other.indicators.count() == 1


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        (date(2023, 1, 1), date(2022, 12, 31), "end_before_start"),
        (date(2021, 12, 31), date(2022, 6, 1), "outside_plan"),
        (date(2025, 1, 1), date(2026, 1, 1), "outside_plan"),
    ],
)
def test_the_service_refuses_dates_the_form_would_refuse(secretariat, start, end, code):
    with pytest.raises(ValidationError) as refused:
        factories.plan_action(actor=secretariat, start=start.isoformat(), end=end.isoformat())
    assert code in [error.code for error in refused.value.error_dict["__all__"]]
    assert not PlanAction.objects.exists()


def test_the_service_refuses_an_action_without_indicators(secretariat):
    with pytest.raises(ValidationError) as refused:
        factories.plan_action(actor=secretariat, indicators=())
    assert refused.value.code == "no_indicator"
    with pytest.raises(ValidationError) as refused:
        factories.plan_action(actor=secretariat, indicators=(("Modelos publicados", " "),))
    assert refused.value.code == "indicator_target"
    assert not PlanAction.objects.exists()


def test_the_service_refuses_people_who_do_not_keep_the_plan(representative, specialist):
    for person in (representative, specialist):
        with pytest.raises(PermissionDenied):
            factories.plan_action(actor=person)
    assert not PlanAction.objects.exists()


# The table, the calendar and the order ------------------------------------------------------


def test_actions_are_listed_in_code_order(client, secretariat):
    for code in ("A2.1", "A1.10", "A1.2", "A1.1"):
        factories.plan_action(actor=secretariat, code=code, title=f"Ação {code}")
    assert list(PlanAction.objects.values_list("code", flat=True)) == [
        "A1.1",
        "A1.2",
        "A1.10",
        "A2.1",
    ]
    client.force_login(secretariat)
    page = client.get(LIST).content.decode()
    rows = re.findall(r'<th scope="row">(A[\d.]+)</th>', page)
    assert rows == ["A1.1", "A1.2", "A1.10", "A2.1"]


def test_the_page_shows_the_table_and_the_calendar_with_its_text_alternative(
    client, representative, secretariat
):
    factories.plan_action(actor=secretariat)
    factories.plan_action(
        actor=secretariat,
        code="A1.2",
        title="Programa de replicação de projetos-piloto",
        responsible="coesao",
        involved=("dgal",),
        start="2022-09-01",
        end="2025-06-30",
        indicators=(("Projetos-piloto replicados", "20"),),
    )
    client.force_login(representative)
    page = client.get(LIST).content.decode()
    assert "Catálogo nacional de modelos de dados" in page
    assert "Projetos-piloto replicados: <strong>20</strong>" in page
    svg = parse_svg(re.search(r"<svg.*?</svg>", page, re.DOTALL).group(0))
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text
    description = svg.find(f"{SVG}desc").text
    assert "A1.1" in description and "A1.2" in description
    assert svg.get("aria-describedby") == svg.find(f"{SVG}desc").get("id")
    assert len(svg.findall(f".//{SVG}rect")) == 2
    assert 'href="#acoes"' in page  # the figure's caption points to the table, its text version


def test_the_calendar_draws_one_bar_per_action_across_the_four_years():
    actions = [
        {"code": "A1.1", "title": "Catálogo", "start": "2022-01-01", "end": "2025-12-31"},
        {
            "code": "A1.2",
            "title": "Replicação <pilotos>",
            "start": "2024-01-01",
            "end": "2024-12-31",
        },
    ]
    svg = parse_svg(timeline_svg(actions, svg_id="t"))
    bars = svg.findall(f".//{SVG}rect")
    assert len(bars) == 2
    years = [text.text for text in svg.findall(f"{SVG}text")]
    assert years == ["2022", "2023", "2024", "2025"]
    assert len(svg.findall(f"{SVG}line")) == 5  # a line at the start of each year and at the end
    whole, one_year = (float(bar.get("width")) for bar in bars)
    assert whole == pytest.approx(4 * one_year, rel=0.01)
    assert "Replicação <pilotos>" in svg.find(f"{SVG}desc").text  # escaped, read back intact
    assert timeline_svg([]) == ""


def test_the_plan_page_links_to_its_actions(client, representative):
    client.force_login(representative)
    assert LIST.encode() in client.get("/documentos/plano-de-acao/").content
    assert LIST.encode() not in client.get("/documentos/estrategia/").content


def queries(client, url: str) -> int:
    client.get(url)  # warm the session, content-type and permission caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_actions(secretariat, first: int, count: int) -> None:
    for number in range(first, first + count):
        factories.plan_action(
            actor=secretariat,
            code=f"A{number // 10 + 1}.{number % 10 + 1}",
            involved=("dgt", "empd"),
            indicators=(("Modelos publicados", "50"), ("Municípios", "30")),
        )


def test_the_actions_page_does_not_grow_with_actions(client, secretariat, coordinator):
    client.force_login(coordinator)
    add_actions(secretariat, 0, 3)
    few = queries(client, LIST)
    add_actions(secretariat, 3, 40)
    assert queries(client, LIST) == few


# The snapshot the PDF is made from ----------------------------------------------------------


def test_the_plan_snapshot_carries_its_actions_as_plain_data(secretariat, plan):
    factories.plan_action(actor=secretariat)
    snapshot = documents.deliverable_snapshot(
        plan, label="v0.1", final=False, issued_on=date(2022, 4, 30)
    )
    with translation.override("pt-pt"):
        objective_label = str(PlanAction(objective="oe2").get_objective_display())
    assert snapshot["actions"] == [
        {
            "id": PlanAction.objects.get().pk,
            "code": "A1.1",
            "title": "Catálogo nacional de modelos de dados",
            "objective": objective_label,
            "objective_code": "oe2",
            "responsible": "AMA",
            "involved": ["DGT", "EMPD"],
            "start": "2022-06-01",
            "end": "2023-12-31",
            "indicators": [{"name": "Modelos de dados publicados", "target": "50", "unit": ""}],
            "funding": "PRR",
            "state": snapshot["actions"][0]["state"],
            "state_code": "planned",
        }
    ]
    assert snapshot["actions"][0]["state"]  # the label, in the document's language
    assert "sections" in snapshot and "principles" in snapshot  # the keys already there stay


def test_other_deliverables_have_no_actions(secretariat, catalogue):
    snapshot = documents.deliverable_snapshot(
        factories.deliverable("estrategia"), label="v0.1", final=False, issued_on=date.today()
    )
    assert snapshot["actions"] == []


def test_a_code_taken_between_validation_and_saving_is_refused_not_a_server_error(secretariat):
    """Two people saving the same new code at once: the second gets a form error, not a 500."""
    from unittest import mock

    from django.core.exceptions import ValidationError

    from strategy.models import PlanAction

    factories.plan_action(actor=secretariat, code="A9.9")
    with (
        mock.patch.object(PlanAction, "validate_unique"),
        mock.patch.object(PlanAction, "validate_constraints"),
        pytest.raises(ValidationError) as caught,
    ):
        factories.plan_action(actor=secretariat, code="A9.9", title="Outra")
    assert caught.value.error_dict["code"][0].code == "unique"
    assert PlanAction.objects.filter(code="A9.9").count() == 1
