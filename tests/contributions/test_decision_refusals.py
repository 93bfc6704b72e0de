"""A model validation error on the review decision is shown on the form, never a 500."""

import pytest

from contributions import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def under_review(secretariat, representative, submitted):
    services.reviewer_assign(actor=secretariat, contribution=submitted, person=representative)
    services.contribution_start_review(actor=representative, contribution=submitted)
    return submitted


@pytest.mark.parametrize(
    "field", ["reason", "feedback"], ids=["html-in-the-reason", "html-in-the-feedback"]
)
def test_html_in_a_review_decision_is_refused_on_the_form(
    client, representative, under_review, field, mailoutbox
):
    client.force_login(representative)
    data = {"state": "not_retained", "reason": "Fora do âmbito.", "feedback": "Obrigado."}
    data[field] = '<img src=x onerror="alert(1)"> fora do âmbito'
    response = client.post(f"/contributos/{under_review.pk}/revisao/decidir/", data)
    assert response.status_code == 200
    assert "Retire o HTML" in response.content.decode()
    under_review.refresh_from_db()
    assert under_review.state == "under_review"
    assert mailoutbox == []
