"""The secretariat keeps the action plan's actions: a refused date, a saved action, its calendar."""

import pytest
from playwright.sync_api import Page, expect

from strategy.models import PlanAction
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

ACTIONS = "/documentos/plano-de-acao/acoes/"


def test_the_secretariat_adds_an_action_and_sees_it_in_the_table_and_the_calendar(
    page: Page, live_server, secretariat, sign_in, assert_accessible
):
    factories.plan_action(actor=secretariat)
    sign_in(page, secretariat.email, PASSWORD)
    page.goto("/documentos/plano-de-acao/")
    page.locator(f'main a[href="{ACTIONS}"]').click()
    expect(page.locator("table#acoes tbody tr")).to_have_count(1)
    expect(page.locator("svg.timeline rect")).to_have_count(1)
    assert_accessible(page)

    page.locator(f'main a[href="{ACTIONS}nova/"]').click()
    assert_accessible(page)
    page.locator("#id_code").fill("A1.2")
    page.locator("#id_title").fill("Programa de replicação de projetos-piloto")
    page.locator("#id_objective").select_option("oe1")
    page.locator("#id_responsible").select_option(label="Coesão Territorial")
    page.locator(f'#id_involved_entities input[value="{factories.entity("dgal").pk}"]').check()
    page.locator("#id_start").fill("2022-09-01")
    page.locator("#id_end").fill("2022-08-31")  # before the start: refused
    page.locator("#id_funding").fill("Portugal 2030")
    page.locator("#id_indicadores-0-name").fill("Projetos-piloto replicados")
    page.locator("#id_indicadores-0-target").fill("20")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_end")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    assert PlanAction.objects.count() == 1

    page.locator("#id_end").fill("2025-06-30")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("table#acoes tbody tr")).to_have_count(2)
    expect(page.locator("table#acoes")).to_contain_text("Projetos-piloto replicados")
    expect(page.locator("svg.timeline rect")).to_have_count(2)
    assert_accessible(page)

    action = PlanAction.objects.get(code="A1.2")
    page.locator(f'a[href="{ACTIONS}{action.pk}/remover/"]').click()
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("table#acoes tbody tr")).to_have_count(1)
