"""Notifications: told after the commit, listed at /notificacoes/ with the unread count in the
header, marked read, e-mailed by a background task over one connection per batch unless the
person turned that kind off at /conta/notificacoes/."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contributions import services as contribution_services
from core.compiled_reads import together
from governance.models import Notification, NotificationPreference
from governance.selectors import header_reads, unread_notification_count, working_group
from governance.services.notifications import notify
from strategy import services as strategy_services
from strategy.models import Section
from tests import factories

pytestmark = pytest.mark.django_db


class CountingBackend(EmailBackend):
    """The locmem back end, counting how many connections were made."""

    instances = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        type(self).instances += 1


@pytest.fixture
def vision(secretariat, representative):
    return factories.section(actor=secretariat, title="Visão", editors=[representative])


def test_a_comment_tells_the_section_s_editor_after_the_commit(
    secretariat, representative, vision, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        strategy_services.comment_add(actor=secretariat, section=vision, body="Falta um exemplo")
    assert not Notification.objects.filter(kind=Notification.Kind.COMMENT).exists()
    with django_capture_on_commit_callbacks(execute=True):  # the commit: notify, then e-mail
        for callback in callbacks:
            callback()
    notification = Notification.objects.get(kind=Notification.Kind.COMMENT)
    assert notification.recipient == representative
    assert "Visão" in notification.text and notification.read_at is None
    assert notification.link.startswith(vision.get_absolute_url())
    assert [m.to for m in mailoutbox] == [[representative.email]]
    assert "http://127.0.0.1:8000" + notification.link in mailoutbox[0].body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_reply_tells_the_thread_s_author_but_never_the_one_who_wrote_it(
    secretariat, representative, vision, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = strategy_services.comment_add(actor=secretariat, section=vision, body="Porquê?")
    with django_capture_on_commit_callbacks(execute=True):
        strategy_services.comment_add(
            actor=representative, section=vision, body="Porque sim.", thread=thread
        )
    told = Notification.objects.filter(kind=Notification.Kind.COMMENT).order_by("pk")
    assert [n.recipient for n in told] == [representative, secretariat]


def test_a_kind_turned_off_stays_in_the_portal_but_sends_no_e_mail(
    client, secretariat, representative, vision, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(representative)
    assert client.get("/conta/notificacoes/").status_code == 200
    kinds = {kind: "on" for kind in Notification.Kind.values if kind != "comment"}
    assert client.post("/conta/notificacoes/", kinds).status_code == 302
    assert NotificationPreference.objects.get(user=representative, kind="comment").email is False
    with django_capture_on_commit_callbacks(execute=True):
        strategy_services.comment_add(actor=secretariat, section=vision, body="Nota")
    assert Notification.objects.filter(recipient=representative, kind="comment").exists()
    assert mailoutbox == []


def test_the_preferences_page_shows_what_is_off(client, representative):
    NotificationPreference.objects.create(user=representative, kind="release", email=False)
    client.force_login(representative)
    page = client.get("/conta/notificacoes/").content.decode()
    assert 'name="release" id="id_release">' in page
    assert 'name="comment" id="id_comment" checked>' in page


def test_a_batch_of_e_mails_goes_over_one_connection(
    settings, secretariat, representative, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.CountingBackend"}}
    people = [factories.GovernmentFactory() for _ in range(4)]
    CountingBackend.instances = 0
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=people, kind=Notification.Kind.RELEASE, text="Versão 1.0", link="/")
    assert CountingBackend.instances == 1
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 4


def test_inactive_people_and_the_actor_are_not_told(secretariat, representative):
    gone = factories.GovernmentFactory(is_active=False)
    notify(
        recipients=[secretariat, representative, gone, representative],
        kind=Notification.Kind.RELEASE,
        text="Versão",
        exclude=secretariat,
    )
    assert [n.recipient for n in Notification.objects.all()] == [representative]


def test_the_header_counts_unread_and_the_list_marks_them_read(client, representative):
    for n in range(3):
        notify(recipients=[representative], kind="release", text=f"Versão {n}", link="/versoes/")
    client.force_login(representative)
    page = client.get("/notificacoes/").content.decode()
    assert "Versão 2" in page and "3<span" in page.replace(" ", "").replace("\n", "")
    first = Notification.objects.order_by("pk").first()
    response = client.post(f"/notificacoes/{first.pk}/lida/", {"seguinte": "/versoes/"})
    assert response.status_code == 302 and response["Location"] == "/versoes/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert client.post("/notificacoes/todas-lidas/").status_code == 302
    assert not Notification.objects.unread().exists()


def test_marking_read_refuses_get_and_other_people_s_notifications(
    client, secretariat, representative
):
    (theirs,) = notify(recipients=[secretariat], kind="release", text="Versão")
    client.force_login(representative)
    assert client.get(f"/notificacoes/{theirs.pk}/lida/").status_code == 405
    client.post(f"/notificacoes/{theirs.pk}/lida/", {"seguinte": "https://mal.example/"})
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_does_not_follow_a_link_off_the_site(client, representative):
    (mine,) = notify(recipients=[representative], kind="release", text="Versão")
    client.force_login(representative)
    response = client.post(f"/notificacoes/{mine.pk}/lida/", {"seguinte": "https://mal.example/"})
    assert response["Location"] == "/notificacoes/"


def test_the_list_needs_a_sign_in(client):
    assert client.get("/notificacoes/").status_code == 302
    assert client.get("/conta/notificacoes/").status_code == 302


def test_the_list_says_what_will_appear_when_empty(client, representative):
    client.force_login(representative)
    assert "Ainda não" in client.get("/notificacoes/").content.decode()


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_with_few_and_many(client, representative):
    client.force_login(representative)
    notify(recipients=[representative], kind="release", text="Uma", link="/")
    few = _queries(client, "/notificacoes/")
    for n in range(60):
        notify(recipients=[representative], kind="comment", text=f"Nota {n}", link="/")
    assert _queries(client, "/notificacoes/") == few


# Where things happen ------------------------------------------------------------------------------


def test_an_editor_is_told_of_a_section_given_to_them(
    secretariat, vision, django_capture_on_commit_callbacks
):
    other = factories.RepresentativeFactory(entity=factories.entity("dgt"))
    with django_capture_on_commit_callbacks(execute=True):
        strategy_services.section_editor_assign(actor=secretariat, section=vision, person=other)
    assert Notification.objects.get(recipient=other).kind == Notification.Kind.SECTION_ASSIGNED


def test_review_tells_the_coordinator_then_the_editors(
    secretariat, representative, vision, django_capture_on_commit_callbacks
):
    coordinator = factories.RepresentativeFactory(entity=factories.entity("dgt"))
    strategy_services.deliverable_coordinator_assign(
        actor=secretariat, deliverable=vision.deliverable, person=coordinator
    )
    with django_capture_on_commit_callbacks(execute=True):
        strategy_services.section_change_status(
            actor=representative, section=vision, status=Section.Status.IN_REVIEW
        )
    assert Notification.objects.get(recipient=coordinator).kind == "section_submitted"
    with django_capture_on_commit_callbacks(execute=True):
        strategy_services.section_change_status(
            actor=coordinator, section=vision, status=Section.Status.APPROVED
        )
    told = Notification.objects.get(recipient=representative, kind="section_decided")
    assert "aprovada" in told.text


def test_a_submission_sends_a_receipt_and_tells_the_secretariat(
    secretariat, organisation_contact, django_capture_on_commit_callbacks
):
    organisation = factories.organisation(actor=secretariat)
    contribution_services.organisation_contact_add(
        actor=secretariat, organisation=organisation, person=organisation_contact
    )
    call = factories.call_for_contributions(actor=secretariat)
    draft = factories.initiative(actor=organisation_contact, call=call)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = contribution_services.contribution_submit(
            actor=organisation_contact, contribution=draft
        )
    assert Notification.objects.get(recipient=organisation_contact).kind == "contribution_submitted"
    assert Notification.objects.get(recipient=secretariat).kind == "contribution_submitted"
    reviewer = factories.RepresentativeFactory(entity=factories.entity("economia"))
    with django_capture_on_commit_callbacks(execute=True):
        contribution_services.reviewer_assign(
            actor=secretariat, contribution=submitted, person=reviewer
        )
    assert Notification.objects.get(recipient=reviewer).kind == "reviewer_assigned"


def test_a_submitted_agenda_tells_the_secretariat(
    secretariat, representative, planned_meeting, django_capture_on_commit_callbacks
):
    from governance import services as governance_services

    factories.agenda_item(actor=representative, meeting=planned_meeting, title="Ponto")
    with django_capture_on_commit_callbacks(execute=True):
        governance_services.agenda_submit(actor=representative, meeting=planned_meeting)
    assert Notification.objects.get(recipient=secretariat).kind == "agenda_submitted"


def test_convening_lists_the_notice_in_the_portal_without_a_second_e_mail(
    secretariat, representative, approved_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    from governance import services as governance_services

    with django_capture_on_commit_callbacks(execute=True):
        governance_services.meeting_convene(actor=secretariat, meeting=approved_meeting)
    assert Notification.objects.filter(recipient=representative, kind="meeting").count() == 1
    mine = [m for m in mailoutbox if m.to == [representative.email]]
    assert len(mine) == 1 and mine[0].attachments


def test_the_unread_count_is_the_person_s_own_unread_ones(secretariat, representative):
    assert unread_notification_count(representative) == 0
    notify(recipients=[representative, secretariat], kind="release", text="Versão 1")
    notify(recipients=[representative], kind="release", text="Versão 2")
    assert unread_notification_count(representative) == 2
    assert unread_notification_count(secretariat) == 1
    Notification.objects.filter(recipient=representative).update(read_at=timezone.now())
    assert unread_notification_count(representative) == 0


def test_the_header_reads_give_the_group_and_the_persons_own_unread_count(
    secretariat, representative
):
    notify(recipients=[representative], kind="release", text="Versão 1")
    with together():
        group, unread = header_reads(representative)
        _group, nobody_s = header_reads(AnonymousUser())
    assert group.result().name == working_group().name and unread.result() == 1
    assert nobody_s.result() == 0
