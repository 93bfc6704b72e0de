"""Comment threads per section, tied to the version they were written on, resolved and reopened."""

import pytest

from strategy import services
from strategy.models import Comment
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_member_comments_on_the_revision_they_read(client, representative, vision):
    client.force_login(representative)
    response = client.post(
        f"/documentos/estrategia/{vision.pk}/comentarios/", {"body": "Falta o Interior."}
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.author, comment.revision, comment.thread) == (
        representative,
        vision.revision,
        None,
    )


def test_replies_join_the_thread(client, secretariat, representative, vision):
    thread = services.comment_add(actor=representative, section=vision, body="Pergunta?")
    client.force_login(secretariat)
    client.post(
        f"/documentos/estrategia/{vision.pk}/comentarios/",
        {"body": "Resposta.", "thread": thread.pk},
    )
    assert list(thread.replies.values_list("body", flat=True)) == ["Resposta."]


def test_a_thread_is_resolved_and_reopened(client, representative, vision):
    thread = services.comment_add(actor=representative, section=vision, body="Pergunta?")
    client.force_login(representative)
    client.post(f"/documentos/estrategia/{vision.pk}/comentarios/{thread.pk}/resolver/")
    thread.refresh_from_db()
    assert thread.resolved_by == representative
    assert client.get("/documentos/estrategia/").context["rows"][0].open_comments == 0
    client.post(f"/documentos/estrategia/{vision.pk}/comentarios/{thread.pk}/reabrir/")
    thread.refresh_from_db()
    assert thread.resolved_at is None


def test_an_empty_comment_is_refused(client, representative, vision):
    client.force_login(representative)
    response = client.post(f"/documentos/estrategia/{vision.pk}/comentarios/", {"body": "   "})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_comment_on_a_section_one_cannot_see_is_a_404(client, specialist, government, vision):
    for person in (specialist, government):
        client.force_login(person)
        response = client.post(f"/documentos/estrategia/{vision.pk}/comentarios/", {"body": "Olá"})
        assert response.status_code == 404
    assert not Comment.objects.exists()


def test_a_reply_to_a_thread_of_another_section_is_a_404(
    client, secretariat, representative, vision
):
    other = factories.section(actor=secretariat, title="Outra")
    thread = services.comment_add(actor=representative, section=other, body="Aqui")
    client.force_login(representative)
    response = client.post(
        f"/documentos/estrategia/{vision.pk}/comentarios/", {"body": "x", "thread": thread.pk}
    )
    assert response.status_code == 404
    assert Comment.objects.count() == 1
