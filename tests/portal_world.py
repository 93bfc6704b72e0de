"""A small, complete portal for tests that need one of everything: the fixture world.

``build_portal_world()`` makes, through the services (as people would), the five roles' personas
and a second organisation's contact; two organisations with contributions in several states;
a call; a convened meeting whose agenda has one item the specialist was admitted to and one an
organisation was invited to; a held meeting with minutes, a decision and an action item; the
strategy with sections in each state, one of them granted to the specialist; comments; the
action plan with an action; and a release of every visibility (their PDFs rendered on request).

``world.ids`` names every object by what it is (``"granted_section"``, ``"members_release"``…)
so URL patterns can be filled from it. Two fixtures give the world: ``portal_world`` (per test,
on the usual fixed personas) and ``portal_world_for_module`` (built once per test module, rolled
back at the end of it; each test still runs in its own savepoint). A module uses one of the
two: both make the same personas.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests import factories

#: The smallest file the upload checks recognise as a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

#: The personas of the world, by the name the tests and the permission matrix use.
PERSONAS = (
    "secretariat",
    "representative",
    "specialist",
    "organisation_contact",
    "government",
    "other_contact",
)


@dataclass
class PortalWorld:
    people: dict = field(default_factory=dict)  # persona name → User
    objects: dict = field(default_factory=dict)  # object name → model instance
    tokens: dict = field(default_factory=dict)  # secrets only known when made (links, feeds)

    @property
    def ids(self) -> dict:
        """Primary keys (and slugs, hashes, tokens) of the world's objects, by object name."""
        found = {
            name: getattr(obj, "pk", obj) for name, obj in self.objects.items() if obj is not None
        }
        found.update({f"{name}_user": person.pk for name, person in self.people.items()})
        found.update(self.tokens)
        return found

    def __getattr__(self, name: str):
        for store in ("people", "objects"):
            values = self.__dict__.get(store, {})
            if name in values:
                return values[name]
        raise AttributeError(name)


def _personas(given: dict) -> dict:
    made = {
        "secretariat": lambda: factories.SecretariatFactory(
            email="secretariado@empd.example", full_name="Sara Secretariado"
        ),
        "representative": lambda: factories.RepresentativeFactory(
            email="rita@ama.example", full_name="Rita Representante"
        ),
        "specialist": lambda: factories.SpecialistFactory(
            email="eva@dgt.example", full_name="Eva Especialista"
        ),
        "organisation_contact": lambda: factories.OrganisationContactFactory(
            email="olga@organizacao.example", full_name="Olga Organização"
        ),
        "government": lambda: factories.GovernmentFactory(
            email="gil@governo.example", full_name="Gil Governo"
        ),
        "other_contact": lambda: factories.OrganisationContactFactory(
            email="otto@futuro.example", full_name="Otto Outra"
        ),
    }
    return {name: given.get(name) or make() for name, make in made.items()}


def _contributions(world: PortalWorld) -> None:
    from contributions import services

    people, objects = world.people, world.objects
    secretariat = people["secretariat"]
    objects["organisation"] = factories.organisation(actor=secretariat)
    objects["other_organisation"] = factories.organisation(
        actor=secretariat, name="Associação Cidades do Futuro", nif="502000007", kind="association"
    )
    services.organisation_contact_add(
        actor=secretariat,
        organisation=objects["organisation"],
        person=people["organisation_contact"],
    )
    services.organisation_contact_add(
        actor=secretariat,
        organisation=objects["other_organisation"],
        person=people["other_contact"],
    )
    objects["pending_contact"] = services.organisation_contact_invite(
        actor=secretariat,
        organisation=objects["other_organisation"],
        email="nova@futuro.example",
        full_name="Nádia Nova",
        accept_url_builder=str,
    )
    objects["call"] = call = factories.call_for_contributions(actor=secretariat)
    contact, other = people["organisation_contact"], people["other_contact"]

    def initiative(actor, title, **fields):
        return factories.initiative(actor=actor, call=call, title=title, **fields)

    objects["draft_contribution"] = draft = initiative(contact, "Rascunho da Câmara")
    objects["attachment"] = services.attachment_add(
        actor=contact,
        contribution=draft,
        upload=SimpleUploadedFile("anexo.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    objects["submitted_contribution"] = initiative(contact, "Submetido da Câmara", submit=True)
    reviewed = initiative(contact, "Em revisão da Câmara", submit=True)
    services.reviewer_assign(
        actor=secretariat, contribution=reviewed, person=people["representative"]
    )
    objects["under_review_contribution"] = services.contribution_start_review(
        actor=secretariat, contribution=reviewed
    )
    accepted = services.contribution_start_review(
        actor=secretariat, contribution=initiative(contact, "Aceite da Câmara", submit=True)
    )
    objects["accepted_contribution"] = services.contribution_decide(
        actor=secretariat, contribution=accepted, state="accepted", feedback="Obrigado."
    )
    objects["other_draft_contribution"] = initiative(other, "Rascunho das Cidades do Futuro")
    objects["other_submitted_contribution"] = initiative(
        other, "Submetido das Cidades do Futuro", submit=True
    )
    objects["other_withdrawn_contribution"] = services.contribution_withdraw(
        actor=other, contribution=initiative(other, "Retirado das Cidades do Futuro")
    )


def _meetings(world: PortalWorld) -> None:
    from governance import services

    people, objects = world.people, world.objects
    secretariat = people["secretariat"]
    meeting = factories.meeting(actor=secretariat, title="Reunião plenária")
    opening = factories.agenda_item(actor=secretariat, meeting=meeting, title="Abertura")
    admitted = factories.agenda_item(actor=secretariat, meeting=meeting, title="Mobilidade")
    invited = factories.agenda_item(actor=secretariat, meeting=meeting, title="Contributos")
    objects["material"] = services.material_add(
        actor=secretariat,
        item=admitted,
        upload=SimpleUploadedFile("apresentacao.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    services.agenda_submit(actor=secretariat, meeting=meeting)
    services.agenda_approve(actor=secretariat, meeting=meeting)
    request = services.specialist_request_create(
        actor=secretariat, meeting=meeting, specialist=people["specialist"], items=[admitted]
    )
    objects["specialist_request"] = services.specialist_request_decide(
        actor=secretariat, request=request, admit=True
    )
    services.guest_invite(
        actor=secretariat, meeting=meeting, contact=people["organisation_contact"], items=[invited]
    )
    objects["meeting"] = services.meeting_convene(actor=secretariat, meeting=meeting)
    objects["opening_item"], objects["admitted_item"], objects["invited_item"] = (
        opening,
        admitted,
        invited,
    )
    objects["pending_specialist_request"] = services.specialist_request_create(
        actor=secretariat,
        meeting=meeting,
        specialist=factories.SpecialistFactory(
            email="paulo@dgt.example", full_name="Paulo Pendente"
        ),
        items=[opening],
    )

    held = factories.approved_meeting(
        actor=secretariat, titles=("Balanço",), title="Reunião realizada", days_ahead=2
    )
    services.meeting_convene(actor=secretariat, meeting=held)
    factories.move_to_past(held, days_ago=3)
    objects["held_meeting"] = held = services.meeting_mark_held(actor=secretariat, meeting=held)
    minutes = services.minutes_save(
        actor=secretariat, meeting=held, body="## Ata\n\nAprovado o balanço.", base_revision=0
    )
    objects["minutes"] = minutes
    objects["decision"] = services.decision_add(
        actor=secretariat, minutes=minutes, text="Aprovar o balanço."
    )
    objects["action_item"] = services.action_item_add(
        actor=secretariat,
        minutes=minutes,
        description="Enviar o balanço ao Governo.",
        owner=people["representative"],
        due_on=date.today() + timedelta(days=14),
    )
    objects["planned_meeting"] = factories.meeting(
        actor=secretariat, title="Reunião por convocar", days_ahead=21
    )
    _feed, world.tokens["calendar_token"] = services.calendar_feed_create(
        actor=people["representative"]
    )


def _people(world: PortalWorld) -> None:
    from governance import services
    from governance.models import Role

    secretariat = world.people["secretariat"]
    links: list[str] = []
    world.objects["invitation"] = services.invitation_create(
        actor=secretariat,
        email="carlos@dgt.example",
        full_name="Carlos Convidado",
        role=Role.SPECIALIST,
        entity=factories.entity("dgt"),
        accept_url_builder=lambda path: links.append(path) or path,
    )
    world.tokens["invitation_token"] = links[0].rstrip("/").rsplit("/", 1)[-1]
    world.objects["deactivated_person"] = services.user_deactivate(
        actor=secretariat,
        user=factories.GovernmentFactory(email="ines@governo.example", full_name="Inês Inativa"),
    )
    representative = world.people["representative"]
    world.tokens["uidb64"] = urlsafe_base64_encode(force_bytes(representative.pk))
    world.tokens["password_reset_token"] = default_token_generator.make_token(representative)


def _strategy(world: PortalWorld, *, render_pdfs: bool) -> None:
    from strategy import services

    people, objects = world.people, world.objects
    secretariat, representative = people["secretariat"], people["representative"]
    vision = factories.section(
        actor=secretariat,
        title="Visão",
        body="Territórios inteligentes e coesos.",
        editors=[representative],
    )
    granted = factories.section(
        actor=secretariat,
        title="Mobilidade",
        body="Mobilidade partilhada e dados abertos.",
        editors=[representative],
    )
    services.section_reader_grant(actor=secretariat, section=granted, person=people["specialist"])
    in_review = factories.section(
        actor=secretariat, title="Governação", body="Quem decide.", editors=[representative]
    )
    in_review = services.section_change_status(
        actor=representative, section=in_review, status="in_review"
    )
    approved = factories.section(
        actor=secretariat, title="Princípios", body="Os princípios.", editors=[representative]
    )
    services.section_change_status(actor=representative, section=approved, status="in_review")
    approved = services.section_change_status(
        actor=secretariat, section=approved, status="approved"
    )
    objects.update(
        section=vision,
        granted_section=granted,
        in_review_section=in_review,
        approved_section=approved,
        deliverable=vision.deliverable,
    )
    objects["section_version"] = vision.history.order_by("history_id").first().history_id
    objects["comment"] = comment = services.comment_add(
        actor=representative, section=vision, body="Falta a coesão territorial."
    )
    services.comment_add(actor=secretariat, section=vision, body="Acrescentada.", thread=comment)
    objects["granted_section_comment"] = services.comment_add(
        actor=people["specialist"], section=granted, body="Incluir a micromobilidade."
    )
    objects["contribution_link"] = services.section_contribution_link(
        actor=representative,
        section=vision,
        contribution=objects["submitted_contribution"],
        note="Inspirou a visão.",
    )
    services.section_link_agenda_items(
        actor=secretariat, section=granted, agenda_items=[objects["admitted_item"]]
    )
    objects["plan_action"] = factories.plan_action(actor=secretariat)
    objects["action_plan"] = objects["plan_action"].deliverable

    # A final release needs every section of its deliverable approved: the strategy keeps
    # sections in every state, so the final release is of the action plan, approved whole.
    plan_section = factories.section(
        actor=secretariat, title="Enquadramento", body="O plano.", slug="plano-de-acao"
    )
    factories.approve(plan_section, editor=secretariat, approver=secretariat)
    releases = {
        "members_release": ("v0.1", "working_draft", "members", vision.deliverable),
        "government_release": ("v0.2", "working_draft", "government", vision.deliverable),
        "public_release": ("v0.3", "working_draft", "public", vision.deliverable),
        "final_release": ("v1.0", "final", "public", objects["action_plan"]),
    }
    for name, (label, kind, visibility, deliverable) in releases.items():
        objects[name] = services.release_publish(
            actor=secretariat,
            deliverable=deliverable,
            label=label,
            kind=kind,
            visibility=visibility,
        )
        objects[f"{name}_render"] = objects[name].render.content_hash
        if render_pdfs:
            # The render is queued on commit, which a test transaction never reaches.
            services.pdf_render_run(render_id=objects[name].render_id)


def _notifications(world: PortalWorld) -> None:
    """A notice for the representative: the services send theirs after a commit, never here."""
    from governance.models import Notification
    from governance.services import notifications

    (world.objects["notification"],) = notifications.notify(
        recipients=[world.people["representative"]],
        kind=Notification.Kind.SECTION_ASSIGNED,
        text="Foi-lhe atribuída a secção «Visão».",
        link=world.objects["section"].get_absolute_url(),
        email=False,
    )


def build_portal_world(*, render_pdfs: bool = False, **people) -> PortalWorld:
    """Make the whole world through the services; ``people`` may give any of the personas."""
    world = PortalWorld(people=_personas(people))
    _contributions(world)
    _meetings(world)
    _people(world)
    _strategy(world, render_pdfs=render_pdfs)
    _notifications(world)
    return world


@pytest.fixture
def portal_world(
    secretariat, representative, specialist, organisation_contact, government, settings, tmp_path
) -> PortalWorld:
    """The fixture world on the fixed personas of ``tests/conftest.py``, for one test.

    Its release PDFs stay queued (rendering four takes seconds); the module world renders them.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_portal_world(
        secretariat=secretariat,
        representative=representative,
        specialist=specialist,
        organisation_contact=organisation_contact,
        government=government,
    )


@pytest.fixture(scope="module")
def portal_world_for_module(django_db_setup, django_db_blocker, tmp_path_factory) -> PortalWorld:
    """The fixture world built once for a test module and rolled back after its last test.

    Each test of the module that asks for ``db`` runs in a savepoint inside this transaction,
    so what one test changes is gone before the next.
    """
    media = tmp_path_factory.mktemp("portal-world-media")
    fast_hashing = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast_hashing),
        transaction.atomic(),
    ):
        world = build_portal_world(render_pdfs=True)
        yield world
        transaction.set_rollback(True)
