# ruff: noqa: E501
# (the tables read best one row a line)
"""Every URL of the portal × every kind of visitor, each cell the status it must answer.

The rows come from the URL conf: a named URL without a row fails ``test_every_url_has_a_row``,
so a new page cannot ship without saying who may open it. The fixture world
(``tests/portal_world.py``) fills the URLs' ids: two organisations, a specialist admitted to
one agenda item and granted one section, releases of every visibility.

Columns: ``anon`` (not signed in), ``sec`` secretariat, ``rep`` representative, ``spe``
specialist, ``org`` organisation contact, ``gov`` member of the Government, ``oth`` the contact
of the second organisation. Cells: ``200``, ``302`` (a redirect), ``login`` (a redirect to the
sign-in page), ``403``, ``404``, ``405``; in ``POSTS`` a ``*`` after the status means the
request changes the database, and every other cell must leave it exactly as it was (a
fingerprint of every table's rows is compared before and after).

Kwargs: ``name=object`` fills ``name`` with the world's id of ``object``;
``name=object.attribute`` with that attribute; ``name=:text`` with the literal text. A kwarg
left out is filled from ``DEFAULT_FILL``.
"""

import hashlib
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.portal_world import PDF_BYTES, PortalWorld

pytestmark = pytest.mark.django_db

COLUMNS = ("anon", "sec", "rep", "spe", "org", "gov", "oth")
PERSONA_OF_COLUMN = {
    "sec": "secretariat",
    "rep": "representative",
    "spe": "specialist",
    "org": "organisation_contact",
    "gov": "government",
    "oth": "other_contact",
}

#: Namespaces left to their own tests: the Django admin answers only staff (tests/*/test_admin.py).
UNLISTED_NAMESPACES = ("admin",)

DEFAULT_FILL = {
    "slug": "deliverable.slug",
    "section_id": "section",
    "version_id": "section_version",
    "comment_id": "comment",
    "direction": ":abaixo",
    "action_id": "plan_action",
    "contribution_id": "submitted_contribution",
    "link_id": "contribution_link",
    "organisation_id": "organisation",
    "call_id": "call",
    "kind_slug": ":iniciativa",
    "fmt": ":csv",
    "attachment_id": "attachment",
    "release_id": "public_release",
    "content_hash": "public_release_render",
    "meeting_id": "meeting",
    "item_id": "admitted_item",
    "material_id": "material",
    "request_id": "pending_specialist_request",
    "action_item_id": "action_item",
    "invitation_id": "invitation",
    "user_id": "government_user",
    "token": "calendar_token",
    "uidb64": "uidb64",
    "notification_id": "notification",
    "attempt_id": ":1",  # no sign-in was locked out in the world: the id of none
}


# What a GET answers ------------------------------------------------------------------------------

GET = """
url                                    kwargs                                         anon  sec   rep   spe   org   gov   oth
landing                                -                                              200   200   200   200   200   200   200
dashboard                              -                                              login 200   200   200   200   200   200
working_group                          -                                              200   200   200   200   200   200   200
governance:people                      -                                              login 200   403   403   403   403   403
governance:invitation_create           -                                              login 200   403   403   403   403   403
governance:invitation_revoke           -                                              login 405   405   405   405   405   405
governance:user_deactivate             -                                              login 200   403   403   403   403   403
governance:user_reactivate             -                                              login 405   405   405   405   405   405
strategy:deliverables                  -                                              login 200   200   200   404   404   404
strategy:coverage_all                  -                                              login 200   200   200   404   404   404
strategy:preview                       -                                              405   405   405   405   405   405   405
strategy:contribution_sections         -                                              login 200   200   404   403   404   404
strategy:contribution_section_unlink   -                                              login 200   200   404   403   404   404
strategy:actions                       -                                              login 200   200   404   404   404   404
strategy:action_create                 -                                              login 200   403   404   404   404   404
strategy:action_edit                   -                                              login 200   403   404   404   404   404
strategy:action_delete                 -                                              login 200   403   404   404   404   404
strategy:deliverable                   -                                              login 200   200   200   404   404   404
strategy:deliverable                   slug=action_plan.slug                          login 200   200   200   404   404   404
strategy:coverage                      -                                              login 200   200   200   404   404   404
strategy:deliverable_coordinators      -                                              login 200   403   403   404   404   404
strategy:section_create                -                                              login 200   403   403   404   404   404
strategy:deliverable_export            -                                              login 405   405   405   405   405   405
strategy:release_publish               -                                              login 200   403   403   404   404   404
strategy:section                       -                                              login 200   200   404   404   404   404
strategy:section                       section_id=granted_section                     login 200   200   200   404   404   404
strategy:section                       section_id=approved_section                    login 200   200   404   404   404   404
strategy:section_edit                  -                                              login 200   200   404   404   404   404
strategy:section_edit                  section_id=granted_section                     login 200   200   403   404   404   404
strategy:section_presence              -                                              login 200   200   404   404   404   404
strategy:section_history               -                                              login 200   200   404   404   404   404
strategy:section_compare               -                                              login 302   302   404   404   404   404
strategy:section_restore               -                                              login 200   200   404   404   404   404
strategy:section_move                  -                                              login 200   403   404   404   404   404
strategy:section_shift                 -                                              login 405   405   405   405   405   405
strategy:section_status                -                                              login 404   404   404   404   404   404
strategy:section_access                -                                              login 200   403   404   404   404   404
strategy:section_agenda_items          -                                              login 200   200   404   404   404   404
strategy:comment_add                   -                                              login 405   405   405   405   405   405
strategy:comment_resolve               -                                              login 405   405   405   405   405   405
strategy:comment_reopen                -                                              login 405   405   405   405   405   405
contributions:home                     -                                              login 200   200   404   200   404   200
contributions:catalogue                -                                              login 200   200   404   404   404   404
contributions:catalogue_export         -                                              login 200   200   404   404   404   404
contributions:organisations            -                                              login 200   404   404   404   404   404
contributions:organisation_create      -                                              login 200   404   404   404   404   404
contributions:organisation             -                                              login 200   404   404   404   404   404
contributions:organisation_edit        -                                              login 200   404   404   404   404   404
contributions:organisation_invite      -                                              login 405   405   405   405   405   405
contributions:calls                    -                                              login 200   200   404   200   404   200
contributions:call_create              -                                              login 200   404   404   404   404   404
contributions:call                     -                                              login 200   200   404   200   404   200
contributions:call_edit                -                                              login 200   404   404   404   404   404
contributions:contribution_create      -                                              login 403   403   404   200   404   200
contributions:contribution             -                                              login 200   200   404   200   404   404
contributions:contribution             contribution_id=draft_contribution             login 404   404   404   200   404   404
contributions:contribution             contribution_id=other_draft_contribution       login 404   404   404   404   404   200
contributions:contribution             contribution_id=other_submitted_contribution   login 200   200   404   404   404   200
contributions:contribution_edit        -                                              login 403   403   404   302   404   404
contributions:contribution_submit      -                                              login 403   403   404   200   404   404
contributions:contribution_withdraw    -                                              login 403   403   404   200   404   404
contributions:attachment_add           -                                              login 405   405   405   405   405   405
contributions:attachment               -                                              login 404   404   404   404   404   404
contributions:attachment               contribution_id=draft_contribution             login 404   404   404   200   404   404
contributions:attachment_remove        -                                              login 404   404   404   404   404   404
contributions:reviewers                -                                              login 200   403   404   403   404   404
contributions:review_start             -                                              login 405   405   405   405   405   405
contributions:review_decide            -                                              login 302   403   404   403   404   404
releases:list                          -                                              200   200   200   200   200   200   200
releases:detail                        -                                              200   200   200   200   200   200   200
releases:detail                        release_id=members_release                     404   200   200   404   404   404   404
releases:detail                        release_id=government_release                  404   200   200   404   404   200   404
releases:detail                        release_id=final_release                       200   200   200   200   200   200   200
releases:download                      -                                              200   200   200   200   200   200   200
releases:download                      release_id=members_release                     404   200   200   404   404   404   404
releases:download                      release_id=government_release                  404   200   200   404   404   200   404
releases:compare                       -                                              404   404   404   404   404   404   404
releases:compare_pdf                   -                                              405   405   405   405   405   405   405
releases:pdf                           -                                              200   200   200   200   200   200   200
releases:pdf                           content_hash=members_release_render            404   200   200   404   404   404   404
releases:pdf                           content_hash=government_release_render         404   200   200   404   404   200   404
releases:pdf_download                  -                                              200   200   200   200   200   200   200
releases:pdf_retry                     -                                              login 405   405   405   405   405   405
verify                                 -                                              200   200   200   200   200   200   200
meetings:list                          -                                              login 200   200   200   200   404   200
meetings:create                        -                                              login 200   403   403   403   403   403
meetings:calendar                      -                                              login 200   200   200   200   403   200
meetings:calendar_feed                 -                                              200   200   200   200   200   200   200
meetings:action_item_status            -                                              login 405   405   405   405   405   405
meetings:meeting                       -                                              login 200   200   200   200   404   404
meetings:meeting_ics                   -                                              login 200   200   200   200   404   404
meetings:edit                          -                                              login 200   403   403   403   404   404
meetings:cancel                        -                                              login 200   403   403   403   404   404
meetings:convene                       -                                              login 200   403   403   403   404   404
meetings:held                          -                                              login 405   405   405   405   405   405
meetings:agenda_submit                 -                                              login 405   405   405   405   405   405
meetings:agenda_approve                -                                              login 405   405   405   405   405   405
meetings:item_create                   -                                              login 200   200   403   403   404   404
meetings:item                          -                                              login 200   200   200   404   404   404
meetings:item                          item_id=invited_item                           login 200   200   404   200   404   404
meetings:item                          item_id=opening_item                           login 200   200   404   404   404   404
meetings:item_edit                     -                                              login 200   403   403   404   404   404
meetings:item_remove                   -                                              login 200   403   403   404   404   404
meetings:material_upload               -                                              login 405   405   405   405   405   405
meetings:material                      -                                              login 200   200   200   404   404   404
meetings:material_remove               -                                              login 200   403   403   404   404   404
meetings:specialist_request            -                                              login 200   200   403   403   404   404
meetings:specialist_decide             -                                              login 405   405   405   405   405   405
meetings:guest_invite                  -                                              login 200   403   403   403   404   404
meetings:attendance                    -                                              login 302   403   403   403   404   404
meetings:minutes                       -                                              login 200   200   404   404   404   404
meetings:minutes                       meeting_id=held_meeting                        login 200   200   404   404   404   404
meetings:minutes_edit                  -                                              login 200   403   404   404   404   404
meetings:minutes_edit                  meeting_id=held_meeting                        login 200   403   404   404   404   404
meetings:minutes_presence              -                                              login 200   200   404   404   404   404
meetings:minutes_presence              meeting_id=held_meeting                        login 200   200   404   404   404   404
meetings:minutes_history               -                                              login 404   404   404   404   404   404
meetings:minutes_history               meeting_id=held_meeting                        login 200   200   404   404   404   404
meetings:minutes_circulate             -                                              login 405   405   405   405   405   405
meetings:minutes_approve               -                                              login 404   403   404   404   404   404
meetings:decision_add                  -                                              login 405   405   405   405   405   405
meetings:action_item_add               -                                              login 405   405   405   405   405   405
login                                  -                                              200   302   302   302   302   302   302
logout                                 -                                              405   405   405   405   405   405   405
password_reset                         -                                              200   200   200   200   200   200   200
password_reset_done                    -                                              200   200   200   200   200   200   200
password_reset_confirm                 -                                              200   200   200   200   200   200   200
password_reset_confirm                 token=password_reset_token                     302   302   200   302   302   302   302
password_reset_complete                -                                              200   200   200   200   200   200   200
invitation_accept                      -                                              410   410   410   410   410   410   410
invitation_accept                      token=invitation_token                         200   200   200   200   200   200   200
accessibility                          -                                              200   200   200   200   200   200   200
privacy                                -                                              200   200   200   200   200   200   200
healthz                                -                                              200   200   200   200   200   200   200
set_language                           -                                              302   302   302   302   302   302   302
search                                 -                                              login 200   200   200   200   200   200
mandate                                -                                              login 200   200   404   404   404   404
strategy:activity                      -                                              login 200   200   200   404   404   404
meetings:activity                      -                                              login 200   200   404   404   404   404
notifications:list                     -                                              login 200   200   200   200   200   200
notifications:read                     -                                              login 405   405   405   405   405   405
notifications:read_all                 -                                              login 405   405   405   405   405   405
notification_preferences               -                                              login 200   200   200   200   200   200
javascript-catalog                     -                                              200   200   200   200   200   200   200
releases:download_editable             fmt=:odt                                       200   200   200   200   200   200   200
releases:download_editable             release_id=members_release,fmt=:odt            404   200   200   404   404   404   404
api:openapi-json                       -                                              200   200   200   200   200   200   200
api:openapi-view                       -                                              200   200   200   200   200   200   200
api:releases                           -                                              200   200   200   200   200   200   200
api:release                            -                                              200   200   200   200   200   200   200
api:release                            release_id=members_release                     404   200   200   404   404   404   404
api:release_text                       -                                              200   200   200   200   200   200   200
api:release_actions                    -                                              200   200   200   200   200   200   200
api:release_actions_csv                -                                              200   200   200   200   200   200   200
api:dcat                               -                                              200   200   200   200   200   200   200
api:api-root                           -                                              404   404   404   404   404   404   404
governance:lockouts                    -                                              login 200   403   403   403   403   403
governance:lockout_unlock              -                                              login 405   405   405   405   405   405
governance:audit_log                   -                                              login 200   403   403   403   403   403
account                                -                                              login 200   200   200   200   200   200
second_factor_enrol                    -                                              login 200   200   200   200   200   200
second_factor_verify                   -                                              login 302   302   302   302   302   302
second_factor_codes                    -                                              login 200   200   200   200   200   200
second_factor_remove                   -                                              login 405   405   405   405   405   405
"""

# What a POST answers, and whether it changes anything -----------------------------------------

POST = """
url                                    kwargs                                         anon  sec   rep   spe   org   gov   oth
governance:invitation_create           -                                              login 302*  403   403   403   403   403
governance:invitation_revoke           -                                              login 302*  403   403   403   403   403
governance:user_deactivate             -                                              login 302*  403   403   403   403   403
governance:user_reactivate             user_id=deactivated_person                     login 302*  403   403   403   403   403
strategy:contribution_sections         -                                              login 302*  302*  404   403   404   404
strategy:contribution_section_unlink   -                                              login 302*  302*  404   403   404   404
strategy:action_create                 -                                              login 302*  403   404   404   404   404
strategy:action_edit                   -                                              login 302*  403   404   404   404   404
strategy:action_delete                 -                                              login 302*  403   404   404   404   404
strategy:deliverable_coordinators      -                                              login 302*  403   403   404   404   404
strategy:section_create                -                                              login 302*  403   403   404   404   404
strategy:deliverable_export            -                                              login 302*  302*  403   404   404   404
strategy:release_publish               -                                              login 302*  403   403   404   404   404
strategy:section_edit                  -                                              login 302*  302*  404   404   404   404
strategy:section_edit                  section_id=granted_section                     login 302*  302*  403   404   404   404
strategy:section_presence              -                                              login 200*  200*  404   404   404   404
strategy:section_restore               -                                              login 302*  302*  404   404   404   404
strategy:section_move                  -                                              login 302*  403   404   404   404   404
strategy:section_shift                 -                                              login 302*  403   404   404   404   404
strategy:section_status                -                                              login 302*  302*  404   404   404   404
strategy:section_status                section_id=in_review_section                   login 302*  403   404   404   404   404
strategy:section_access                -                                              login 302*  403   404   404   404   404
strategy:section_agenda_items          -                                              login 302*  302*  404   404   404   404
strategy:comment_add                   -                                              login 302*  302*  404   404   404   404
strategy:comment_add                   section_id=granted_section                     login 302*  302*  302*  404   404   404
strategy:comment_resolve               -                                              login 302*  302*  404   404   404   404
strategy:comment_reopen                -                                              login 302   302   404   404   404   404
releases:compare_pdf                   -                                              404   302*  302*  404   404   302*  404
releases:pdf_retry                     -                                              login 302   302   302   302   302   302
contributions:organisation_create      -                                              login 302*  404   404   404   404   404
contributions:organisation_edit        -                                              login 302*  404   404   404   404   404
contributions:organisation_invite      -                                              login 302*  404   404   404   404   404
contributions:call_create              -                                              login 302*  404   404   404   404   404
contributions:call_edit                -                                              login 302*  404   404   404   404   404
contributions:contribution_create      -                                              login 403   403   404   302*  404   302*
contributions:contribution_edit        contribution_id=draft_contribution             login 404   404   404   302*  404   404
contributions:contribution_submit      contribution_id=draft_contribution             login 404   404   404   302*  404   404
contributions:contribution_withdraw    contribution_id=draft_contribution             login 404   404   404   302*  404   404
contributions:contribution_withdraw    contribution_id=other_draft_contribution       login 404   404   404   404   404   302*
contributions:attachment_add           contribution_id=draft_contribution             login 404   404   404   302*  404   404
contributions:attachment_remove        contribution_id=draft_contribution             login 404   404   404   302*  404   404
contributions:reviewers                -                                              login 302*  403   404   403   404   404
contributions:review_start             -                                              login 302*  403   404   403   404   404
contributions:review_decide            contribution_id=under_review_contribution      login 302*  302*  404   403   404   404
meetings:create                        -                                              login 302*  403   403   403   403   403
meetings:calendar                      -                                              login 200*  200*  200*  200*  403   200*
meetings:action_item_status            -                                              login 302*  302*  404   404   404   404
meetings:edit                          -                                              login 302*  403   403   403   404   404
meetings:cancel                        -                                              login 302*  403   403   403   404   404
meetings:convene                       -                                              login 400   403   403   403   404   404
meetings:held                          meeting_id=held_meeting                        login 302   403   404   404   404   404
meetings:agenda_submit                 meeting_id=planned_meeting                     login 302   302   404   404   404   404
meetings:agenda_approve                -                                              login 302   403   403   403   404   404
meetings:item_create                   -                                              login 302*  302*  403   403   404   404
meetings:item_edit                     -                                              login 302*  403   403   404   404   404
meetings:item_remove                   -                                              login 400   403   403   404   404   404
meetings:material_upload               -                                              login 302*  302*  403   404   404   404
meetings:material_remove               -                                              login 302*  403   403   404   404   404
meetings:specialist_request            -                                              login 200   200   403   403   404   404
meetings:specialist_decide             -                                              login 302*  403   403   403   404   404
meetings:guest_invite                  -                                              login 302*  403   403   403   404   404
meetings:attendance                    -                                              login 302   403   403   403   404   404
meetings:minutes_edit                  meeting_id=held_meeting                        login 302*  403   404   404   404   404
meetings:minutes_presence              meeting_id=held_meeting                        login 200*  403   404   404   404   404
meetings:minutes_circulate             meeting_id=held_meeting                        login 302*  403   404   404   404   404
meetings:minutes_approve               meeting_id=held_meeting                        login 400   403   404   404   404   404
meetings:decision_add                  meeting_id=held_meeting                        login 302*  403   404   404   404   404
meetings:action_item_add               meeting_id=held_meeting                        login 302*  403   404   404   404   404
login                                  -                                              200*  302   302   302   302   302   302
logout                                 -                                              302   302*  302*  302*  302*  302*  302*
password_reset                         -                                              302   302   302   302   302   302   302
invitation_accept                      token=invitation_token                         302*  302*  302*  302*  302*  302*  302*
set_language                           -                                              302   302   302   302   302   302   302
notifications:read                     -                                              login 302   302*  302   302   302   302
notifications:read_all                 -                                              login 302   302*  302   302   302   302
notification_preferences               -                                              login 200   200   200   200   200   200
governance:lockout_unlock              -                                              login 404   403   403   403   403   403
second_factor_enrol                    -                                              login 200*  200*  200*  200*  200*  200*
second_factor_remove                   -                                              login 302   302   302   302   302   302
"""


def _pdf(name: str = "documento.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _payloads(world: PortalWorld) -> dict[str, Callable[[], dict]]:
    """What each state-changing URL is sent: enough for the one who may to succeed.

    Callables, because an upload can be read once only.
    """
    ids = world.ids
    later = (timezone.localtime() + timedelta(days=40)).replace(second=0, microsecond=0)
    when = {
        "starts_at": later.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (later + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    }
    section = world.section
    initiative = {
        "title": "Nova iniciativa",
        "summary": "Resumo.",
        "body": "Texto.",
        "municipality": "Exemplo",
        "region": world.draft_contribution.region_id,
        "domain": "mobilidade",
        "maturity": "pilot",
        "technologies": "",
        "results": "",
        "link": "",
    }
    call = {
        "title": "Nova chamada",
        "description": "Descrição.",
        "opens_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "closes_at": later.strftime("%Y-%m-%dT%H:%M"),
        "accepts_initiatives": "on",
    }
    action = {
        "code": "A9.9",
        "title": "Nova ação",
        "objective": "oe2",
        "responsible": world.plan_action.responsible_id,
        "involved_entities": [],
        "start": "2023-01-01",
        "end": "2023-12-31",
        "funding": "PRR",
        "state": "planned",
        "indicadores-TOTAL_FORMS": "1",
        "indicadores-INITIAL_FORMS": "0",
        "indicadores-0-name": "Indicador",
        "indicadores-0-target": "1",
    }
    return {
        # people
        "governance:invitation_create": lambda: {
            "full_name": "Nova Pessoa",
            "email": "nova@governo.example",
            "role": "government",
        },
        # drafting
        "strategy:preview": lambda: {"body": "**texto**"},
        "strategy:section_create": lambda: {"title": "Nova secção"},
        "strategy:section_edit": lambda: {
            "title": section.title,
            "body": "Texto novo.",
            "base_revision": section.revision,
        },
        "strategy:section_move": lambda: {"position": 3},
        "strategy:section_presence": lambda: {"base_revision": section.revision},
        "strategy:section_status": lambda: {"status": "in_review"},
        "strategy:section_status[section_id=in_review_section]": lambda: {"status": "approved"},
        "strategy:section_access": lambda: {
            "person": ids["specialist_user"],
            "operacao": "ler",
        },
        "strategy:section_agenda_items": lambda: {"agenda_items": [ids["opening_item"]]},
        "strategy:comment_add": lambda: {"body": "Um comentário."},
        "strategy:deliverable_coordinators": lambda: {"person": ids["representative_user"]},
        "strategy:release_publish": lambda: {
            "label": "v0.4",
            "kind": "working_draft",
            "visibility": "members",
        },
        "strategy:contribution_sections": lambda: {
            "section": world.granted_section.pk,
            "note": "Nota.",
        },
        "strategy:action_create": lambda: action,
        "strategy:action_edit": lambda: {**action, "code": world.plan_action.code},
        "releases:compare_pdf": lambda: {
            "de": ids["government_release"],
            "para": ids["public_release"],
        },
        "verify": lambda: {"pdf": _pdf()},
        # contributions
        "contributions:organisation_create": lambda: {
            "name": "Nova Organização",
            "kind": "company",
            "scope": "national",
            "country": "PT",
            "nif": "503000000",
        },
        "contributions:organisation_edit": lambda: {
            "name": "Nome Mudado",
            "kind": "municipality",
            "scope": "national",
            "country": "PT",
            "nif": "501000003",
        },
        "contributions:organisation_invite": lambda: {
            "full_name": "Novo Contacto",
            "email": "novo@organizacao.example",
        },
        "contributions:call_create": lambda: call,
        "contributions:call_edit": lambda: {**call, "title": "Chamada mudada"},
        "contributions:contribution_create": lambda: initiative,
        "contributions:contribution_edit": lambda: {**initiative, "title": "Mudado"},
        "contributions:attachment_add": lambda: {"file": _pdf()},
        "contributions:reviewers": lambda: {"person": ids["representative_user"]},
        "contributions:review_decide": lambda: {"state": "accepted", "feedback": "Obrigado."},
        # meetings
        "meetings:create": lambda: {"title": "Nova reunião", "place": "Lisboa", **when},
        "meetings:edit": lambda: {"title": "Reunião mudada", "place": "Porto", **when},
        "meetings:item_create": lambda: {"title": "Novo ponto", "duration_minutes": 10},
        "meetings:item_edit": lambda: {
            "title": "Ponto mudado",
            "duration_minutes": 10,
            "position": 1,
        },
        "meetings:material_upload": lambda: {"file": _pdf()},
        "meetings:specialist_request": lambda: {
            "specialist": ids["specialist_user"],
            "items": [ids["invited_item"]],
        },
        "meetings:specialist_decide": lambda: {"decisao": "admitir"},
        "meetings:guest_invite": lambda: {
            "contact": ids["other_contact_user"],
            "items": [ids["opening_item"]],
        },
        "meetings:attendance": lambda: {f"estado_{ids['representative_user']}": "present"},
        "meetings:minutes_edit": lambda: {
            "body": "Ata mudada.",
            "base_revision": world.minutes.revision,
        },
        "meetings:minutes_presence": lambda: {"base_revision": world.minutes.revision},
        "meetings:decision_add": lambda: {"text": "Nova decisão."},
        "meetings:action_item_add": lambda: {
            "description": "Nova ação.",
            "owner": ids["representative_user"],
            "due_on": "2030-01-01",
        },
        "meetings:action_item_status": lambda: {"status": "done"},
        "meetings:calendar": lambda: {"operacao": "criar"},
        # accounts
        "login": lambda: {"username": world.representative.email, "password": "errada"},
        "password_reset": lambda: {"email": world.representative.email},
        "password_reset_confirm": lambda: {
            "new_password1": "Uma-palavra-passe-nova-42",
            "new_password2": "Uma-palavra-passe-nova-42",
        },
        "invitation_accept": lambda: {
            "password1": "Uma-palavra-passe-nova-42",
            "password2": "Uma-palavra-passe-nova-42",
        },
        "set_language": lambda: {"language": "en"},
    }


def _payload(world: PortalWorld, name: str, kwargs: str) -> dict:
    payloads = _payloads(world)
    return payloads.get(f"{name}[{kwargs}]", payloads.get(name, dict))()


# The machinery ------------------------------------------------------------------------------------


def _parse(table: str) -> list[tuple[str, str, dict[str, str]]]:
    rows = []
    lines = [line for line in table.strip().splitlines() if line.strip()]
    for line in lines[1:]:
        name, kwargs, *cells = line.split()
        assert len(cells) == len(COLUMNS), f"row {name} {kwargs}: {len(cells)} cells"
        rows.append((name, kwargs, dict(zip(COLUMNS, cells, strict=True))))
    return rows


GET_ROWS = _parse(GET)
POST_ROWS = _parse(POST)


def named_urls() -> dict[str, list[str]]:
    """Every named URL of the URL conf (outside the unlisted namespaces) → its kwargs."""
    found: dict[str, list[str]] = {}

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                if inner and inner.split(":")[0] in UNLISTED_NAMESPACES:
                    continue
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found[name] = list(pattern.pattern.converters)

    walk(get_resolver().url_patterns, None)
    return found


def _value(world: PortalWorld, spec: str):
    if spec.startswith(":"):
        return spec[1:]
    name, _, attribute = spec.partition(".")
    if attribute:
        return getattr(world.objects[name], attribute)
    return world.ids[name]


def url_of(world: PortalWorld, name: str, kwargs: str) -> str:
    given = dict(pair.split("=", 1) for pair in kwargs.split(",") if pair and pair != "-")
    needed = named_urls()[name]
    filled = {key: _value(world, given.get(key, DEFAULT_FILL[key])) for key in needed}
    return reverse(name, kwargs=filled)


def _status(response) -> str:
    if response.status_code == 302:
        signing_in = response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?")
        return "login" if signing_in else "302"
    return str(response.status_code)


def _client(world: PortalWorld, column: str) -> Client:
    client = Client()
    if column != "anon":
        client.force_login(world.people[PERSONA_OF_COLUMN[column]])
    return client


#: Tables no request writes (reference data) and sessions, left out of the fingerprint.
REFERENCE_TABLES = {"auth.Permission", "contenttypes.ContentType", "sessions.Session"}
#: Not the portal's records: the text a signed-out visitor typed, kept for them until they sign
#: in again (the unsaved-text protection of the editing pages).
NOT_RECORDS = {"core.StashedForm"}
#: Tables whose rows a request may change in place without a history row (unversioned, or a
#: field the history leaves out, such as a section's position): compared row by row. Every other
#: table is compared by its count and highest id; a versioned model's change adds a history row.
CHANGED_IN_PLACE = (
    "governance.CalendarFeed",
    "governance.Notification",
    "governance.NotificationPreference",
    "strategy.Comment",
    "strategy.PdfRender",
    "strategy.Section",
    "strategy.PlanAction",
)


def fingerprint() -> str:
    """A digest of the database: every table's count and highest id, and the rows of the tables
    changed in place (one query for the counts, one per such table)."""
    quote = connection.ops.quote_name

    def highest_id(model) -> str:  # PostgreSQL has no MAX() of a UUID
        integer = model._meta.pk.get_internal_type().endswith("AutoField")
        return f"MAX({quote(model._meta.pk.column)})" if integer else "NULL"

    # Table names come from the model registry, never from input.
    counts = " UNION ALL ".join(
        f"SELECT '{model._meta.label}', COUNT(*), {highest_id(model)} "  # noqa: S608
        f"FROM {quote(model._meta.db_table)}"
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label not in REFERENCE_TABLES | NOT_RECORDS
    )
    with connection.cursor() as cursor:
        cursor.execute(counts)
        digest = hashlib.sha256(repr(sorted(cursor.fetchall())).encode())
    for label in CHANGED_IN_PLACE:
        model = apps.get_model(label)
        digest.update(repr(list(model._base_manager.order_by("pk").values_list())).encode())
    return digest.hexdigest()


def _row_id(row) -> str:
    name, kwargs, _cells = row
    return name if kwargs == "-" else f"{name}[{kwargs}]"


# The tests ----------------------------------------------------------------------------------------


def test_every_url_has_a_row():
    """A named URL without a GET row fails: a new page must say who may open it."""
    listed = {name for name, _kwargs, _cells in GET_ROWS}
    missing = sorted(set(named_urls()) - listed)
    assert not missing, "URLs without a row in GET: " + ", ".join(missing)


def test_every_row_is_a_url():
    known = set(named_urls())
    unknown = sorted({name for name, _k, _c in GET_ROWS + POST_ROWS} - known)
    assert not unknown, "rows of URLs that no longer exist: " + ", ".join(unknown)


@pytest.mark.parametrize("row", GET_ROWS, ids=_row_id)
def test_get(portal_world_for_module, row):
    world = portal_world_for_module
    name, kwargs, expected = row
    url = url_of(world, name, kwargs)
    answered = {}
    for column in COLUMNS:
        with transaction.atomic():
            answered[column] = _status(_client(world, column).get(url))
            transaction.set_rollback(True)
    assert answered == expected, _mismatch(name, kwargs, expected, answered)


@pytest.mark.parametrize("row", POST_ROWS, ids=_row_id)
def test_post(portal_world_for_module, row):
    world = portal_world_for_module
    name, kwargs, expected = row
    url = url_of(world, name, kwargs)
    answered = {}
    for column in COLUMNS:
        with transaction.atomic():
            client = _client(world, column)  # signing in writes rows of its own
            data = _payload(world, name, kwargs)
            before = fingerprint()
            response = client.post(url, data)
            changed = fingerprint() != before
            answered[column] = _status(response) + ("*" if changed else "")
            transaction.set_rollback(True)
    assert answered == expected, _mismatch(name, kwargs, expected, answered)


def _mismatch(name: str, kwargs: str, expected: dict, answered: dict) -> str:
    def line(cells: dict) -> str:
        return f"{name:38} {kwargs:46} " + " ".join(f"{cells[c]:5}" for c in COLUMNS)

    return f"\nexpected: {line(expected)}\nanswered: {line(answered)}"
