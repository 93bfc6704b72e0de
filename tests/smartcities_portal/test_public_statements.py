"""The public pages carry no placeholders; their facts come from settings with defaults."""

import re

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/grupo/", "/acessibilidade", "/privacidade", "/conta/entrar/", "/versoes/"]
PLACEHOLDER = re.compile(
    r"a confirmar|to be confirmed|\[[^\]\n]{0,80}\]|class=\"placeholder\"", re.I
)


def _visible_text(html: str) -> str:
    """The page without scripts, styles and tags, where a «[» would be code, not prose."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("language", ["pt-pt", "en"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_public_page_shows_a_placeholder(client, path, language):
    client.cookies["django_language"] = language
    response = client.get(path, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="placeholder"' not in html
    found = PLACEHOLDER.findall(_visible_text(html))
    assert not found, f"{path} ({language}) shows {found}"


def test_the_privacy_notice_gives_the_controller_processors_and_retention_from_settings(
    client, settings
):
    settings.PUBLIC_STATEMENTS = {
        **settings.PUBLIC_STATEMENTS,
        "postal_address": ["EMPD", "Rua de Exemplo, 1", "1000-001 Lisboa"],
        "processors": ["Alojamento Exemplo, S.A. — alojamento do portal"],
        "retention_months": 24,
        "access_log_months": 3,
        "dpo_email": "dpo@empd.example",
    }
    content = client.get("/privacidade").content.decode()
    assert "EMPD<br>Rua de Exemplo, 1<br>1000-001 Lisboa" in content
    assert "<li>Alojamento Exemplo, S.A. — alojamento do portal</li>" in content
    assert "durante 24 meses após a cessação" in content
    assert "durante 3 meses" in content
    assert "mailto:dpo@empd.example" in content


def test_without_processors_the_notice_says_there_are_none(client):
    content = client.get("/privacidade").content.decode()
    assert "não há subcontratantes" in content


def test_the_accessibility_statement_gives_its_contacts_and_evaluation_date(client, settings):
    import datetime

    settings.PUBLIC_STATEMENTS = {
        **settings.PUBLIC_STATEMENTS,
        "accessibility_email": "a11y@empd.example",
        "accessibility_evaluated_on": datetime.date(2027, 2, 3),
        "postal_address": ["EMPD", "1000-001 Lisboa"],
    }
    content = client.get("/acessibilidade").content.decode()
    assert "mailto:a11y@empd.example" in content
    assert 'datetime="2027-02-03"' in content
    assert "EMPD<br>1000-001 Lisboa" in content


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("STATEMENT_RETENTION_MONTHS", "doze", "STATEMENT_RETENTION_MONTHS must be a whole number"),
        ("STATEMENT_ACCESSIBILITY_EVALUATED_ON", "ontem", "STATEMENT_ACCESSIBILITY_EVALUATED_ON"),
    ],
)
def test_a_bad_statement_setting_stops_the_start_naming_the_variable(name, value, message):
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={**os.environ, "DJANGO_SECRET_KEY": "x" * 50, name: value},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert message in result.stderr
