"""In a real browser, with axe: the secretariat records attendance once a meeting started
(members, secretariat, specialists and guests apart); the admin refuses lowering a seat count
below its holders and says why in pt-PT; the English switch shows English with European dates."""

import pytest
from playwright.sync_api import Page, expect

from governance import services
from governance.models import Attendance, Entity
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def test_the_secretariat_records_attendance_of_a_started_meeting(
    page: Page,
    live_server,
    secretariat,
    representative,
    organisation_contact,
    sign_in,
    assert_accessible,
):
    meeting = factories.approved_meeting(actor=secretariat, titles=["Abertura", "Visão"])
    services.guest_invite(
        actor=secretariat,
        meeting=meeting,
        contact=organisation_contact,
        items=list(meeting.items.order_by("position"))[1:],
    )
    services.meeting_convene(actor=secretariat, meeting=meeting)
    factories.move_to_past(meeting, days_ago=0)
    sign_in(page, secretariat.email, PASSWORD)
    page.goto(f"/reunioes/{meeting.pk}/presencas/")
    expect(page.locator("h2#presencas-member")).to_have_text("Membros do Grupo de Trabalho")
    expect(page.locator("h2#presencas-secretariat")).to_be_visible()
    expect(page.locator("h2#presencas-guest")).to_be_visible()
    expect(page.locator("table", has=page.locator("text=2. Visão"))).to_be_visible()
    assert_accessible(page)
    page.select_option(f"#id_estado_{representative.pk}", "represented")
    page.fill(f"#id_representante_{representative.pk}", "Ana Substituta")
    page.select_option(f"#id_estado_{secretariat.pk}", "present")
    page.select_option(f"#id_estado_{organisation_contact.pk}", "present")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#presencas")).to_contain_text("1 dos 11 membros presente ou representado")
    assert_accessible(page)
    rows = {row.person_id: row for row in Attendance.objects.all()}
    assert rows[secretariat.pk].capacity == Attendance.Capacity.SECRETARIAT
    assert rows[representative.pk].represented_by == "Ana Substituta"


def test_the_admin_refuses_a_seat_count_below_the_holders(
    page: Page, live_server, secretariat, sign_in, assert_accessible
):
    secretariat.is_staff = secretariat.is_superuser = True
    secretariat.save(update_fields=["is_staff", "is_superuser"])
    modernizacao = Entity.objects.get(code="modernizacao")
    factories.RepresentativeFactory.create_batch(2, entity=modernizacao)
    sign_in(page, secretariat.email, PASSWORD)
    page.goto(f"/admin/governance/entity/{modernizacao.pk}/change/")
    page.fill("#id_seats", "1")
    page.locator("input[name=_save]").click()
    expect(page.locator(".errorlist")).to_contain_text("tem 2 representantes ativos")
    expect(page.locator("#id_seats")).to_have_value("1")
    modernizacao.refresh_from_db()
    assert modernizacao.seats == 2
    assert_accessible(page)


def test_the_english_switch_speaks_english_with_european_dates(
    page: Page, live_server, sign_in, assert_accessible
):
    page.goto("/acessibilidade")
    expect(page.locator("html")).to_have_attribute("lang", "pt-pt")
    page.locator("form.language-switch button[value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Accessibility and Usability Statement")
    expect(page.locator("main")).to_contain_text("27 Nov 2026")
    assert_accessible(page)
    page.goto("/grupo/")
    expect(page.locator("h1")).to_have_text("Working group")
    assert_accessible(page)
