"""English mode writes dates and times the European way, not the American one."""

import datetime

import pytest
from django.utils import formats, translation


def test_english_dates_are_day_month_year_and_the_clock_has_24_hours():
    moment = datetime.datetime(2022, 1, 24, 14, 30)
    with translation.override("en"):
        assert formats.date_format(moment.date()) == "24 Jan 2022"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "24 Jan 2022, 14:30"
        assert formats.time_format(moment.time()) == "14:30"
        assert formats.date_format(moment.date(), "SHORT_DATE_FORMAT") == "24/01/2022"


def test_portuguese_dates_stay_as_they_were():
    with translation.override("pt-pt"):
        assert formats.date_format(datetime.date(2022, 1, 24)) == "24 de janeiro de 2022"


@pytest.mark.django_db
def test_the_english_switch_shows_a_european_date(client):
    client.cookies["django_language"] = "en"
    content = client.get("/acessibilidade").content.decode()
    assert "27 Nov 2026" in content
    assert "Nov. 27, 2026" not in content
