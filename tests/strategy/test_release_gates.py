"""A final release needs every section approved; labels only increase; the publish page shows
the approval state and what changed, at every entry point (service, page, command)."""

import pytest
from django.core.exceptions import ValidationError

from strategy import services
from strategy.models import Release
from strategy.services.releases import UnapprovedSections, release_next_labels
from tests import factories

pytestmark = pytest.mark.django_db

PUBLISH = "/documentos/estrategia/nova-versao/"


@pytest.fixture
def mission(secretariat, representative, vision):
    return factories.section(
        actor=secretariat, title="Missão", body="Cooperar.", editors=[representative]
    )


def publish(actor, deliverable, label, kind="working_draft"):
    return services.release_publish(
        actor=actor, deliverable=deliverable, label=label, kind=kind, visibility="members"
    )


def test_a_final_release_with_unapproved_sections_is_refused_listing_them(
    secretariat, representative, vision, mission
):
    factories.approve(vision, editor=representative, approver=secretariat)
    with pytest.raises(UnapprovedSections) as refusal:
        publish(secretariat, vision.deliverable, "v1.0", kind="final")
    assert [(section.title, number) for section, number in refusal.value.sections] == [
        ("Missão", "2")
    ]
    assert "2 Missão" in refusal.value.messages[0]
    assert not Release.objects.exists()


def test_a_final_release_is_published_once_every_section_is_approved(
    secretariat, representative, vision, mission
):
    for section in (vision, mission):
        factories.approve(section, editor=representative, approver=secretariat)
    release = publish(secretariat, vision.deliverable, "v1.0", kind="final")
    assert release.is_final


def test_a_working_draft_needs_no_approval(secretariat, vision, mission):
    assert publish(secretariat, vision.deliverable, "v0.1").kind == "working_draft"


@pytest.mark.parametrize(
    ("earlier", "label", "kind", "code"),
    [
        (["v0.2"], "v0.1", "working_draft", "label_order"),
        (["v0.9"], "v0.10", "working_draft", None),
        (["v0.9"], "v0.8", "working_draft", "label_order"),
        ([], "v2.0", "final", "final_label"),
        (["v0.3"], "v1.0", "final", None),
        (["v0.3"], "v1.0", "working_draft", "draft_label"),
        (["v0.3"], "v1.1", "final", "final_label"),
        (["v0.3"], "v3.1", "working_draft", "draft_label"),
    ],
)
def test_labels_only_increase_compared_as_numbers(
    secretariat, representative, vision, earlier, label, kind, code
):
    factories.approve(vision, editor=representative, approver=secretariat)
    for previous in earlier:
        publish(secretariat, vision.deliverable, previous)
    if code is None:
        assert publish(secretariat, vision.deliverable, label, kind=kind).label == label
        return
    with pytest.raises(ValidationError) as refusal:
        publish(secretariat, vision.deliverable, label, kind=kind)
    assert refusal.value.error_dict["label"][0].code == code
    assert Release.objects.count() == len(earlier)


def test_v0_1_cannot_follow_v1_0(secretariat, representative, vision):
    factories.approve(vision, editor=representative, approver=secretariat)
    publish(secretariat, vision.deliverable, "v1.0", kind="final")
    with pytest.raises(ValidationError, match=r"v1\.1"):
        publish(secretariat, vision.deliverable, "v0.1")
    assert release_next_labels(vision.deliverable) == {"working_draft": "v1.1", "final": "v2.0"}


def test_the_page_refuses_a_final_and_links_each_unapproved_section(
    client, secretariat, vision, mission
):
    client.force_login(secretariat)
    response = client.post(PUBLISH, {"label": "v1.0", "kind": "final", "visibility": "public"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Uma versão final precisa de todas as secções aprovadas" in page
    assert f'href="{vision.get_absolute_url()}"' in page
    assert f'href="{mission.get_absolute_url()}"' in page
    assert not Release.objects.exists()


def test_the_page_shows_the_approval_state_and_the_changes_since_the_latest_release(
    client, secretariat, representative, vision, mission
):
    publish(secretariat, vision.deliverable, "v0.1")
    services.section_update(
        actor=representative,
        section=mission,
        base_revision=mission.revision,
        title="Missão",
        body="Cooperar mais.",
    )
    factories.approve(vision, editor=representative, approver=secretariat)
    client.force_login(secretariat)
    response = client.get(PUBLISH)
    page = response.content.decode()
    assert "1 de 2 secções aprovadas" in page
    assert response.context["changes"].summary["sections_changed"] == 1
    assert "1 secção alterada: 2 Missão" in page
    assert response.context["form"]["label"].value() == "v0.2"


def test_the_first_release_says_there_is_nothing_to_compare(client, secretariat, vision):
    client.force_login(secretariat)
    response = client.get(PUBLISH)
    assert response.context["changes"] is None
    assert "Esta será a primeira versão" in response.content.decode()


def test_the_admin_offers_no_way_around_the_gates(client, secretariat, vision):
    secretariat.is_staff = secretariat.is_superuser = True
    secretariat.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(secretariat)
    assert client.get("/admin/strategy/release/add/").status_code == 403
    assert client.post("/admin/strategy/release/add/", {"label": "v1.0"}).status_code == 403
    assert not Release.objects.exists()
