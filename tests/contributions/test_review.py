"""Review: the secretariat assigns members; states follow DESIGN.md; «not retained» needs a
reason; the organisation is told by e-mail and sees the decision with the feedback."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from contributions import services
from contributions.models import Contribution

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(secretariat, representative, submitted):
    services.reviewer_assign(actor=secretariat, contribution=submitted, person=representative)
    return representative


def test_the_secretariat_makes_a_representative_reviewer(
    client, secretariat, representative, submitted
):
    client.force_login(secretariat)
    url = f"/contributos/{submitted.pk}/revisores/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"person": representative.pk, "operacao": "atribuir"})
    assert response.status_code == 302
    assert representative.has_perm("contributions.review_contribution", submitted)
    response = client.post(url, {"person": representative.pk, "operacao": "remover"})
    representative = type(representative).objects.get(pk=representative.pk)
    assert not representative.has_perm("contributions.review_contribution", submitted)


@pytest.mark.parametrize("persona", ["contact", "specialist", "government"])
def test_only_members_can_be_reviewers(secretariat, submitted, request, persona):
    with pytest.raises(ValidationError) as caught:
        services.reviewer_assign(
            actor=secretariat, contribution=submitted, person=request.getfixturevalue(persona)
        )
    assert caught.value.code == "not_member"


def test_a_draft_gets_no_reviewer(secretariat, representative, draft):
    with pytest.raises(ValidationError) as caught:
        services.reviewer_assign(actor=secretariat, contribution=draft, person=representative)
    assert caught.value.code == "not_reviewable"


def test_a_representative_cannot_assign_reviewers(client, representative, submitted):
    client.force_login(representative)
    url = f"/contributos/{submitted.pk}/revisores/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"person": representative.pk}).status_code == 403
    assert not representative.has_perm("contributions.review_contribution", submitted)


def test_the_reviewer_starts_the_review_and_accepts_and_the_contact_is_told(
    client,
    reviewer,
    contact,
    submitted,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client.force_login(reviewer)
    assert client.post(f"/contributos/{submitted.pk}/revisao/iniciar/").status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == "under_review"
    url = f"/contributos/{submitted.pk}/revisao/decidir/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"state": "accepted", "feedback": "Muito útil para o diagnóstico."}
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.state, submitted.decided_by) == ("accepted", reviewer)
    assert [m.to for m in mailoutbox] == [[contact.email]]
    assert "Muito útil para o diagnóstico." in mailoutbox[0].body
    assert f"/contributos/{submitted.pk}/" in mailoutbox[0].body
    client.force_login(contact)
    page = client.get(f"/contributos/{submitted.pk}/").content.decode()
    assert "Muito útil para o diagnóstico." in page
    assert 'id="decisao-titulo"' in page


def test_not_retained_needs_a_reason(
    client, reviewer, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    services.contribution_start_review(actor=reviewer, contribution=submitted)
    client.force_login(reviewer)
    url = f"/contributos/{submitted.pk}/revisao/decidir/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"state": "not_retained", "reason": "  ", "feedback": "x"})
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["reason"]] == [
        "reason_required"
    ]
    submitted.refresh_from_db()
    assert submitted.state == "under_review"
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "state": "not_retained",
                "reason": "Fora do âmbito do despacho.",
                "feedback": "Pode voltar a propor na próxima chamada.",
            },
        )
    submitted.refresh_from_db()
    assert (submitted.state, submitted.decision_reason) == (
        "not_retained",
        "Fora do âmbito do despacho.",
    )
    assert len(mailoutbox) == 1


def test_partly_accepted_is_a_decision_too(reviewer, submitted):
    services.contribution_start_review(actor=reviewer, contribution=submitted)
    decided = services.contribution_decide(
        actor=reviewer,
        contribution=submitted,
        state="partly_accepted",
        reason="Retida a parte dos dados abertos.",
        feedback="Obrigado; a parte da plataforma fica para o plano de ação.",
    )
    assert decided.is_decided


@pytest.mark.parametrize("state", ["partly_accepted", "not_retained"])
@pytest.mark.parametrize(
    ("reason", "feedback", "missing"),
    [
        ("", "Retorno.", {"reason"}),
        ("Motivo.", " ", {"feedback"}),
        ("", "", {"reason", "feedback"}),
    ],
)
def test_partial_and_not_retained_need_a_reason_and_feedback(
    reviewer, submitted, state, reason, feedback, missing
):
    services.contribution_start_review(actor=reviewer, contribution=submitted)
    with pytest.raises(ValidationError) as caught:
        services.contribution_decide(
            actor=reviewer, contribution=submitted, state=state, reason=reason, feedback=feedback
        )
    assert set(caught.value.error_dict) == missing
    submitted.refresh_from_db()
    assert submitted.state == "under_review"


def test_the_decision_form_shows_both_missing_fields_in_portuguese(client, reviewer, submitted):
    services.contribution_start_review(actor=reviewer, contribution=submitted)
    client.force_login(reviewer)
    response = client.post(
        f"/contributos/{submitted.pk}/revisao/decidir/", {"state": "partly_accepted"}
    )
    errors = response.context["form"].errors
    assert errors["reason"] == ["Diga o que o grupo reteve e porquê."]
    assert errors["feedback"] == ["Escreva a resposta que a organização vai receber."]
    submitted.refresh_from_db()
    assert submitted.state == "under_review"


def test_full_clean_refuses_a_partly_accepted_contribution_without_feedback(submitted):
    submitted.state = Contribution.State.PARTLY_ACCEPTED
    submitted.decision_reason = "Retida a parte dos dados."
    with pytest.raises(ValidationError) as caught:
        submitted.full_clean()
    assert "feedback" in caught.value.error_dict


def test_the_database_refuses_a_not_retained_contribution_without_feedback(submitted):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.filter(pk=submitted.pk).update(
            state="not_retained", decision_reason="Fora do âmbito."
        )


def test_the_e_mail_greets_the_contact_by_name_and_says_what_was_kept_and_why(
    reviewer, contact, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    services.contribution_start_review(actor=reviewer, contribution=submitted)
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_decide(
            actor=reviewer,
            contribution=submitted,
            state="partly_accepted",
            reason="Retida a parte dos dados abertos.",
            feedback="A plataforma fica para o plano de ação.",
        )
    (mail,) = mailoutbox
    assert mail.body.startswith("Olá, Olga Organização,")
    assert "O que o grupo reteve e porquê:\nRetida a parte dos dados abertos." in mail.body
    assert "Resposta à sua organização:\nA plataforma fica para o plano de ação." in mail.body


def test_each_contact_gets_their_own_greeting(
    secretariat,
    reviewer,
    contact,
    organisation,
    submitted,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from tests import factories

    second = factories.OrganisationContactFactory(email="ze@exemplo.example", full_name="Zé Silva")
    services.organisation_contact_add(actor=secretariat, organisation=organisation, person=second)
    services.contribution_start_review(actor=reviewer, contribution=submitted)
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_decide(
            actor=reviewer, contribution=submitted, state="accepted", feedback="Obrigado."
        )
    greetings = {mail.to[0]: mail.body.splitlines()[0] for mail in mailoutbox}
    assert greetings == {
        contact.email: "Olá, Olga Organização,",
        "ze@exemplo.example": "Olá, Zé Silva,",
    }


def test_a_decision_needs_the_review_started_first(reviewer, submitted):
    with pytest.raises(ValidationError) as caught:
        services.contribution_decide(actor=reviewer, contribution=submitted, state="accepted")
    assert caught.value.code == "transition"


def test_a_decided_contribution_is_not_decided_again(reviewer, submitted):
    services.contribution_start_review(actor=reviewer, contribution=submitted)
    services.contribution_decide(actor=reviewer, contribution=submitted, state="accepted")
    with pytest.raises(ValidationError) as caught:
        services.contribution_decide(
            actor=reviewer, contribution=submitted, state="not_retained", reason="Afinal não"
        )
    assert caught.value.code == "transition"


def test_the_secretariat_reviews_without_being_assigned(secretariat, submitted):
    services.contribution_start_review(actor=secretariat, contribution=submitted)
    assert Contribution.objects.get().state == "under_review"


def test_a_representative_not_assigned_cannot_review(client, representative, submitted):
    client.force_login(representative)
    assert client.post(f"/contributos/{submitted.pk}/revisao/iniciar/").status_code == 403
    assert client.get(f"/contributos/{submitted.pk}/revisao/decidir/").status_code == 403
    assert Contribution.objects.get().state == "submitted"


def test_the_contact_cannot_review_their_own_contribution(client, contact, submitted):
    client.force_login(contact)
    assert client.post(f"/contributos/{submitted.pk}/revisao/iniciar/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.contribution_start_review(actor=contact, contribution=submitted)


def test_a_withdrawn_contribution_is_not_reviewed(secretariat, contact, submitted):
    services.contribution_withdraw(actor=contact, contribution=submitted)
    with pytest.raises(ValidationError) as caught:
        services.contribution_start_review(actor=secretariat, contribution=submitted)
    assert caught.value.code == "transition"


def test_every_move_is_a_version_with_its_author(reviewer, contact, submitted):
    services.contribution_start_review(actor=reviewer, contribution=submitted)
    services.contribution_decide(actor=reviewer, contribution=submitted, state="accepted")
    authors = [v.history_user for v in submitted.history.order_by("history_id")]
    assert authors == [contact, contact, reviewer, reviewer]


def test_the_reviewer_sees_what_to_review_on_the_contributions_page(client, reviewer, submitted):
    client.force_login(reviewer)
    assert client.get("/contributos/").context["my_reviews"] == [submitted]
