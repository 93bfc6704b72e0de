"""Meetings in a real browser: the secretariat plans and convenes; a representative asks for a
specialist for one item; the specialist and an invited organisation see only their items."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from governance import services
from governance.models import AgendaItem, Meeting, SpecialistRequest
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def sign_out(page: Page) -> None:
    page.context.clear_cookies()


def submit(page: Page) -> None:
    page.locator("main form[method=post] button[type=submit]").first.click()


@pytest.fixture
def approved(secretariat):
    return factories.approved_meeting(actor=secretariat, titles=["Abertura", "Visão"])


def items(meeting) -> tuple[AgendaItem, AgendaItem]:
    first, second = meeting.items.order_by("position")
    return first, second


def test_the_secretariat_plans_a_meeting_builds_the_agenda_and_convenes(
    page: Page, live_server, secretariat, representative, sign_in, assert_accessible
):
    sign_in(page, secretariat.email, PASSWORD)
    page.locator('header nav a[href="/reunioes/"]').click()
    expect(page).to_have_url(f"{live_server.url}/reunioes/")
    assert_accessible(page)

    page.locator('main a[href="/reunioes/nova/"]').click()
    assert_accessible(page)
    start = timezone.localtime() + timedelta(days=5)
    page.locator("#id_title").fill("Reunião plenária de março")
    page.locator("#id_starts_at").fill(start.strftime("%Y-%m-%dT10:00"))
    page.locator("#id_ends_at").fill(start.strftime("%Y-%m-%dT12:00"))
    page.locator("#id_place").fill("EMPD, Lisboa")
    submit(page)
    expect(page.locator("h1")).to_have_text("Reunião plenária de março")
    assert_accessible(page)
    meeting = Meeting.objects.get()

    for title in ("Abertura", "Arquitetura de referência"):
        page.locator("#propor-ponto").click()
        assert_accessible(page)
        page.locator("#id_title").fill(title)
        page.locator("#id_duration_minutes").fill("30")
        submit(page)
        expect(page.locator("#ordem-de-trabalhos table")).to_contain_text(title)
    assert_accessible(page)

    page.locator("#submeter-ordem").click()
    expect(page.locator("#aprovar-ordem")).to_be_visible()
    assert_accessible(page)
    page.locator("#aprovar-ordem").click()
    expect(page.locator("#convocar")).to_be_visible()
    assert_accessible(page)

    page.locator("#convocar").click()
    assert_accessible(page)
    submit(page)
    expect(page).to_have_url(f"{live_server.url}{meeting.get_absolute_url()}")
    assert_accessible(page)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.CONVENED
    assert meeting.agenda_state == Meeting.AgendaState.APPROVED


def test_a_representative_asks_for_a_specialist_who_then_sees_only_that_item(
    page: Page, live_server, secretariat, specialist, approved, sign_in, assert_accessible
):
    dgt_representative = factories.RepresentativeFactory(
        email="duarte@dgt.example", full_name="Duarte DGT", entity=factories.entity("dgt")
    )
    first, second = items(approved)

    sign_in(page, dgt_representative.email, PASSWORD)
    page.goto(approved.get_absolute_url())
    assert_accessible(page)
    page.locator("#pedir-especialista").click()
    assert_accessible(page)
    page.locator("#id_specialist").select_option(str(specialist.pk))
    page.locator(f'input[name="items"][value="{second.pk}"]').check()
    submit(page)
    expect(page.locator("#especialistas table")).to_contain_text(specialist.full_name)
    assert_accessible(page)
    request = SpecialistRequest.objects.get()
    assert list(request.items.all()) == [second]

    sign_out(page)
    sign_in(page, secretariat.email, PASSWORD)
    page.goto(approved.get_absolute_url())
    page.locator('#especialistas button[value="admitir"]').click()
    expect(page.locator("#especialistas .badge-ok")).to_be_visible()
    assert_accessible(page)

    sign_out(page)
    sign_in(page, specialist.email, PASSWORD)
    page.goto("/reunioes/")
    assert_accessible(page)
    page.locator(f'main a[href="{approved.get_absolute_url()}"]').click()
    expect(page.locator("#ordem-de-trabalhos table tbody tr")).to_have_count(1)
    expect(page.locator("#ordem-de-trabalhos")).to_contain_text("Visão")
    expect(page.locator("#ordem-de-trabalhos")).not_to_contain_text("Abertura")
    expect(page.locator("#especialistas")).to_have_count(0)
    assert_accessible(page)
    page.locator(f'main a[href="{second.get_absolute_url()}"]').click()
    expect(page.locator("h1")).to_contain_text("Visão")
    assert_accessible(page)
    response = page.goto(first.get_absolute_url())
    assert response is not None and response.status == 404
    assert_accessible(page)


def test_an_organisation_contact_sees_only_the_item_it_was_invited_to(
    page: Page, live_server, secretariat, organisation_contact, approved, sign_in, assert_accessible
):
    services.meeting_convene(actor=secretariat, meeting=approved)
    first, second = items(approved)

    sign_in(page, secretariat.email, PASSWORD)
    page.goto(approved.get_absolute_url())
    page.locator("#convidar-organizacao").click()
    assert_accessible(page)
    page.locator("#id_contact").select_option(str(organisation_contact.pk))
    page.locator(f'input[name="items"][value="{first.pk}"]').check()
    submit(page)
    expect(page.locator("#convidados")).to_contain_text(organisation_contact.full_name)
    assert_accessible(page)

    sign_out(page)
    sign_in(page, organisation_contact.email, PASSWORD)
    page.locator('header nav a[href="/reunioes/"]').click()
    assert_accessible(page)
    page.locator(f'main a[href="{approved.get_absolute_url()}"]').click()
    expect(page.locator("#ordem-de-trabalhos table tbody tr")).to_have_count(1)
    expect(page.locator("#ordem-de-trabalhos")).to_contain_text("Abertura")
    expect(page.locator("#ordem-de-trabalhos")).not_to_contain_text("Visão")
    assert_accessible(page)
    page.locator(f'main a[href="{first.get_absolute_url()}"]').click()
    assert_accessible(page)
    response = page.goto(second.get_absolute_url())
    assert response is not None and response.status == 404
