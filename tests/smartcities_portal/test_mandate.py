"""``/mandato/``: the deadlines of n.º 9 and n.º 10 against today and the final releases,
progress, coverage, contributions and meetings, each chart with a name and a table."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartcities_portal import mandate
from strategy.models import Deliverable
from tests import factories

pytestmark = pytest.mark.django_db

DUE = datetime.date(2022, 4, 30)


def test_a_deadline_reads_relative_to_today():
    assert mandate.relative_to_today(DUE, datetime.date(2022, 4, 28)) == "dentro de 2 dias"
    assert mandate.relative_to_today(DUE, datetime.date(2022, 4, 29)) == "dentro de 1 dia"
    assert mandate.relative_to_today(DUE, DUE) == "hoje"
    assert mandate.relative_to_today(DUE, datetime.date(2022, 5, 3)) == "ultrapassado há 3 dias"


def test_a_final_release_is_on_time_or_late_by_so_many_days():
    strategy = Deliverable.objects.get(slug="estrategia")
    on_time = mandate.delivery(strategy, datetime.date(2022, 4, 29), DUE, DUE)
    assert on_time.late_days == 0 and on_time.state == "Entregue a 29/04/2022"
    late = mandate.delivery(strategy, datetime.date(2022, 5, 1), DUE, DUE)
    assert late.late_days == 1 and late.state == "Entregue a 01/05/2022, com 1 dia de atraso"
    missing = mandate.delivery(strategy, None, DUE, datetime.date(2022, 5, 10))
    assert missing.state == "Ainda não entregue: 10 dias de atraso"


def page(client, person):
    client.force_login(person)
    return client.get("/mandato/")


def test_members_see_the_tracker_with_charts_and_tables(client, secretariat, representative):
    factories.section(
        actor=secretariat, title="Visão", body="Uma duas três", editors=[representative]
    )
    response = page(client, representative)
    assert response.status_code == 200
    html = response.content.decode()
    assert "n.º 9" in html and "n.º 10" in html
    assert html.count('role="img"') >= 6 and html.count("<caption>") >= 6
    assert "3 palavras" in html


def test_others_get_a_404(client, organisation_contact, government, specialist):
    for person in (organisation_contact, government, specialist):
        assert page(client, person).status_code == 404


def queries(client) -> int:
    client.get("/mandato/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/mandato/").status_code == 200
    return len(captured)


def test_the_tracker_queries_do_not_grow_with_the_data(client, secretariat, representative):
    client.force_login(representative)
    factories.section(actor=secretariat, title="S0")
    few = queries(client)
    for n in range(20):
        factories.section(actor=secretariat, title=f"S{n + 1}")
    assert queries(client) == few
