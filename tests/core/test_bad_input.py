"""Bad input is a clear page, never a 500: uncaught validation errors, ids out of range."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from core.middleware import BadInputMiddleware

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        f"/reunioes/{HUGE}/",
        f"/contributos/{HUGE}/",
        f"/versoes/{HUGE}/",
        f"/reunioes/{HUGE}/pontos/{HUGE}/",
    ],
)
def test_an_id_out_of_range_is_a_404(client, secretariat, url):
    client.force_login(secretariat)
    client.raise_request_exception = False
    assert client.get(url).status_code == 404


def test_an_uncaught_validation_error_is_a_400_with_its_message(db, rf: RequestFactory):
    from django.contrib.auth.models import AnonymousUser

    request = rf.post("/x/")
    request.user = AnonymousUser()
    middleware = BadInputMiddleware(lambda r: None)
    response = middleware.process_exception(
        request, ValidationError("O prazo já terminou.", code="closed")
    )
    assert response.status_code == 400
    assert "O prazo já terminou." in response.content.decode()


def test_other_exceptions_go_on_to_the_error_handler(rf: RequestFactory):
    middleware = BadInputMiddleware(lambda r: None)
    assert middleware.process_exception(rf.get("/"), RuntimeError("boom")) is None
