"""``make load``'s simulated members: they read the key pages and save sections through the real
edit form (CSRF token and base revision from the form, as a browser sends them).

Reads its plan (who signs in, which pages, which sections each may edit) from LOAD_PLAN and
writes what it counted (accepted saves, conflicts, statuses) to LOAD_COUNTS when the run ends.
"""

import html
import json
import os
import random
import re
from collections import Counter
from pathlib import Path

from locust import HttpUser, between, events, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
COUNTS: Counter = Counter()
CHANGE_NOTE = PLAN["change_note"]
_INPUT = re.compile(r'<input[^>]*name="(?P<name>[^"]+)"[^>]*value="(?P<value>[^"]*)"')
_BODY = re.compile(r'<textarea[^>]*name="body"[^>]*>(?P<body>.*?)</textarea>', re.S)


@events.request.add_listener
def _count_status(request_type, name, response, exception, **kwargs) -> None:
    status = getattr(response, "status_code", 0) if response is not None else 0
    COUNTS[f"status {status}"] += 1


@events.test_stop.add_listener
def _write_counts(**kwargs) -> None:
    Path(os.environ["LOAD_COUNTS"]).write_text(json.dumps(dict(COUNTS)))


class Member(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.person = random.choice(PLAN["people"])  # noqa: S311 -- load mix, not secrets
        self.client.get("/conta/entrar/", name="sign-in")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            "/conta/entrar/",
            {
                "username": self.person["email"],
                "password": PLAN["password"],
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.host + "/conta/entrar/"},
            name="sign-in",
        )

    @task(10)
    def read_a_key_page(self) -> None:
        page = random.choice(PLAN["pages"])  # noqa: S311
        self.client.get(page["url"], name=page["name"])

    @task(10)
    def read_the_floor(self) -> None:
        self.client.get(PLAN["floor"], name="floor")

    @task(2)
    def save_a_section(self) -> None:
        url = random.choice(self.person["sections"]) + "editar/"  # noqa: S311
        form = self.client.get(url, name="edit form")
        if form.status_code != 200:
            return
        fields = {m["name"]: html.unescape(m["value"]) for m in _INPUT.finditer(form.text)}
        body = _BODY.search(form.text)
        data = {
            "csrfmiddlewaretoken": fields.get("csrfmiddlewaretoken", ""),
            "base_revision": fields.get("base_revision", ""),
            "title": fields.get("title", ""),
            "body": (html.unescape(body["body"]) if body else "") + " Acrescento.",
            "change_note": CHANGE_NOTE,
        }
        with self.client.post(
            url,
            data,
            headers={"Referer": self.host + url},
            name="save",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                COUNTS["accepted saves"] += 1
                response.success()
            elif response.status_code == 409:  # someone saved first: refused, nothing lost
                COUNTS["conflicts"] += 1
                response.success()
            else:
                response.failure(f"save answered {response.status_code}")
