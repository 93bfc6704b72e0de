"""Every page carries a strict Content-Security-Policy and serves its assets itself."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_pages_send_a_strict_policy_with_a_nonce(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_pages_load_nothing_from_another_origin(client):
    html = client.get("/").content.decode()
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html)


def test_pages_have_no_inline_script_or_style_without_a_nonce(client):
    html = client.get("/").content.decode()
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
        assert "nonce=" in tag or "src=" in tag
    assert " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers


def test_pages_refuse_framing_and_sniffing(client):
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
