"""htmx is loaded from the portal itself and configured to need nothing the CSP forbids."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_loads_the_vendored_htmx_with_a_csp_safe_configuration(client):
    html = client.get("/").content.decode()
    assert re.search(r'<script src="/static/vendor/htmx/htmx\.min\.js" defer>', html)
    config = json.loads(re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", html)[1])
    assert config["allowEval"] is False  # no new Function(): no 'unsafe-eval' needed
    assert config["includeIndicatorStyles"] is False  # no injected <style> element
    assert config["allowScriptTags"] is False
    assert config["historyCacheSize"] == 0  # no copies of pages in localStorage
    assert config["selfRequestsOnly"] is True


def test_the_csp_still_forbids_eval_and_inline_code(client):
    policy = client.get("/")["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy)[1]
    assert "'unsafe-eval'" not in script_src
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-inline'" not in re.search(r"style-src ([^;]+)", policy)[1]
