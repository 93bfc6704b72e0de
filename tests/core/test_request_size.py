"""A body over the limit is refused from its Content-Length, before any of it is read."""

import io

from django.conf import settings


class UnreadableBody(io.BytesIO):
    def read(self, *args, **kwargs):
        raise AssertionError("the body was read")

    readline = read


def test_a_body_declared_over_the_limit_is_refused_unread(client, organisation_contact):
    client.force_login(organisation_contact)
    response = client.generic(
        "POST",
        "/contributos/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "demasiado grande" in response.content.decode()


def test_a_body_within_the_limit_goes_on(client, db):
    response = client.post("/conta/entrar/", {"username": "a@b.pt", "password": "x"})
    assert response.status_code == 200


def test_form_data_over_its_own_limit_is_refused_by_django(client, db):
    response = client.post("/conta/entrar/", {"username": "a" * (3 * 1024 * 1024)})
    assert response.status_code == 400
