"""The read-only open-data API at /api/v1/ (django-ninja, OpenAPI 3 at /api/v1/openapi.json).

The releases a caller may see (anonymous callers the public ones; signed-in people what the
portal shows them), each release's text as structured data, its action plan as JSON and CSV,
and a DCAT-AP catalogue of the public releases in JSON-LD for open-data portals to harvest.
Every answer comes from a release's frozen snapshot, never from the current text.
"""

import csv
import io
import json
from datetime import date, datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.throttling import SimpleRateThrottle

from core.markup import render_markdown
from governance.selectors import working_group
from strategy import permissions
from strategy.editable_formats import ACTION_COLUMNS, action_table_rows
from strategy.models import PdfRender, Release


class CallerRateThrottle(SimpleRateThrottle):
    """One budget per signed-in person, or per address for anonymous callers."""

    scope = "caller"

    def __init__(self) -> None:
        super().__init__(settings.API_RATE_LIMIT)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = request.user
        ident = f"user-{user.pk}" if user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


RATE_LIMIT = CallerRateThrottle()

api = NinjaAPI(
    title="Portal Smart Cities — dados abertos",
    version="1",
    description=(
        "Versões publicadas das propostas do Grupo de Trabalho da Estratégia Nacional de Smart "
        "Cities (Despacho n.º 1369-A/2022): metadados, texto, plano de ação e catálogo DCAT-AP. "
        "Só leitura."
    ),
    urls_namespace="api",
    throttle=[RATE_LIMIT],
)


@api.exception_handler(ValidationError)
def invalid_request(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """A malformed request (a release id that is not a number…) told in Portuguese."""
    fields = sorted({str(item.get("loc", ["", "?"])[-1]) for item in error.errors})
    return api.create_response(
        request,
        {"detail": f"Pedido inválido: verifique {', '.join(fields)}.", "fields": fields},
        status=422,
    )


class SignatureOut(Schema):
    status: str  # sealed, pending (PDF not ready yet), not_sealed (rendered before sealing)
    sealed_at: datetime | None
    sealed_by: str


class LinksOut(Schema):
    page: str
    pdf: str
    odt: str
    docx: str
    text: str
    action_plan_json: str
    action_plan_csv: str


class ReleaseOut(Schema):
    id: int
    deliverable: str
    deliverable_title: str
    label: str
    kind: str
    final: bool
    issued_on: date
    published_at: datetime
    sha256: str
    signature: SignatureOut
    links: LinksOut


class SectionOut(Schema):
    id: int
    number: str
    depth: int
    title: str
    principles: list[str]
    markdown: str
    html: str


class ReleaseTextOut(Schema):
    release: ReleaseOut
    sections: list[SectionOut]


class IndicatorOut(Schema):
    name: str
    target: str
    unit: str


class ActionOut(Schema):
    code: str
    title: str
    objective: str
    objective_code: str
    responsible: str
    involved: list[str]
    start: date
    end: date
    indicators: list[IndicatorOut]
    funding: str
    state: str
    state_code: str


class Problem(Schema):
    detail: str


def _release_or_404(request: HttpRequest, release_id: int) -> Release:
    release = permissions.releases_visible_to(request.user).filter(pk=release_id).first()
    if release is None:
        raise HttpError(404, "Versão não encontrada, ou não está disponível para si.")
    return release


def _absolute(request: HttpRequest, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def _signature(render: PdfRender) -> dict:
    if render.state != PdfRender.State.READY:
        status = "pending"
    else:
        status = "sealed" if render.sealed_at else "not_sealed"
    return {"status": status, "sealed_at": render.sealed_at, "sealed_by": render.sealed_by}


def _release_data(request: HttpRequest, release: Release) -> dict:
    pk = release.pk
    return {
        "id": pk,
        "deliverable": release.deliverable.slug,
        "deliverable_title": release.deliverable.title,
        "label": release.label,
        "kind": release.kind,
        "final": release.is_final,
        "issued_on": release.issued_on,
        "published_at": release.published_at,
        "sha256": release.render.sha256,
        "signature": _signature(release.render),
        "links": {
            "page": _absolute(request, "releases:detail", pk),
            "pdf": _absolute(request, "releases:download", pk),
            "odt": _absolute(request, "releases:download_editable", pk, "odt"),
            "docx": _absolute(request, "releases:download_editable", pk, "docx"),
            "text": _absolute(request, "api:release_text", pk),
            "action_plan_json": _absolute(request, "api:release_actions", pk),
            "action_plan_csv": _absolute(request, "api:release_actions_csv", pk),
        },
    }


@api.get("/versoes", response=list[ReleaseOut], url_name="releases", summary="Versões publicadas")
def release_list(request: HttpRequest):
    """The releases the caller may see, newest first."""
    releases = permissions.releases_visible_to(request.user).order_by(
        "deliverable__letter", "-published_at"
    )
    return [_release_data(request, release) for release in releases]


@api.get(
    "/versoes/{release_id}",
    response={200: ReleaseOut, 404: Problem},
    url_name="release",
    summary="Uma versão",
)
def release_detail(request: HttpRequest, release_id: int):
    return _release_data(request, _release_or_404(request, release_id))


@api.get(
    "/versoes/{release_id}/texto",
    response={200: ReleaseTextOut, 404: Problem},
    url_name="release_text",
    summary="Texto de uma versão",
)
def release_text(request: HttpRequest, release_id: int):
    """The release's sections in outline order: number, title, Markdown and the HTML shown."""
    release = _release_or_404(request, release_id)
    sections = [
        {
            "id": section["id"],
            "number": section["number"],
            "depth": section["depth"],
            "title": section["title"],
            "principles": section.get("principles", []),
            "markdown": section["body"],
            "html": str(render_markdown(section["body"])),
        }
        for section in release.render.snapshot["sections"]
    ]
    return {"release": _release_data(request, release), "sections": sections}


def _actions(release: Release) -> list[dict]:
    return [
        {**action, "indicators": [{"unit": "", **item} for item in action["indicators"]]}
        for action in release.render.snapshot.get("actions", [])
    ]


@api.get(
    "/versoes/{release_id}/plano-de-acao",
    response={200: list[ActionOut], 404: Problem},
    url_name="release_actions",
    summary="Plano de ação de uma versão (JSON)",
)
def release_actions(request: HttpRequest, release_id: int):
    """The actions frozen in the release (empty for deliverables other than the action plan)."""
    return _actions(_release_or_404(request, release_id))


@api.get(
    "/versoes/{release_id}/plano-de-acao.csv",
    response={200: None, 404: Problem},
    url_name="release_actions_csv",
    summary="Plano de ação de uma versão (CSV)",
)
def release_actions_csv(request: HttpRequest, release_id: int):
    release = _release_or_404(request, release_id)
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(ACTION_COLUMNS)
    writer.writerows(action_table_rows(release.render.snapshot.get("actions", [])))
    response = HttpResponse(
        "\ufeff" + output.getvalue(),  # the BOM lets spreadsheets read the accents as UTF-8
        content_type="text/csv; charset=utf-8",
    )
    filename = f"{release.deliverable.slug}-{release.label}-plano-de-acao.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# DCAT-AP ----------------------------------------------------------------------------------------

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU_LANGUAGE_PT = "http://publications.europa.eu/resource/authority/language/POR"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "http://www.iana.org/assignments/media-types/"
FORMATS = [
    ("pdf", "PDF", "application/pdf", "releases:download"),
    ("odt", "ODT", "application/vnd.oasis.opendocument.text", "releases:download_editable"),
    (
        "docx",
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "releases:download_editable",
    ),
]


def _text(value: str) -> dict:
    return {"@language": "pt", "@value": value}


def _distribution(request: HttpRequest, release: Release, fmt: tuple) -> dict:
    suffix, file_type, media_type, url_name = fmt
    args = (release.pk,) if suffix == "pdf" else (release.pk, suffix)
    url = _absolute(request, url_name, *args)
    distribution = {
        "@id": f"{url}#distribuicao",
        "@type": "dcat:Distribution",
        "dct:title": _text(f"{release.deliverable.short_title} {release.label} ({file_type})"),
        "dcat:accessURL": {"@id": _absolute(request, "releases:detail", release.pk)},
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": {"@id": IANA + media_type},
        "dct:format": {"@id": EU_FILE_TYPE + file_type},
    }
    if suffix == "pdf" and release.render.sha256:
        distribution["spdx:checksum"] = {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
            "spdx:checksumValue": {"@value": release.render.sha256, "@type": "xsd:hexBinary"},
        }
    return distribution


def _dataset(request: HttpRequest, release: Release, publisher: dict) -> dict:
    kind = "versão final" if release.is_final else "versão de trabalho"
    return {
        "@id": _absolute(request, "api:release", release.pk),
        "@type": "dcat:Dataset",
        "dct:identifier": f"{release.deliverable.slug}-{release.label}",
        "dct:title": _text(f"{release.deliverable.title} — {release.label}"),
        "dct:description": _text(
            f"{release.deliverable.title}, {kind} {release.label} de "
            f"{release.issued_on:%d/%m/%Y}: texto integral em PDF (com selo eletrónico), ODT e "
            "DOCX."
        ),
        "dct:issued": {"@value": release.issued_on.isoformat(), "@type": "xsd:date"},
        "dct:publisher": publisher,
        "dct:language": {"@id": EU_LANGUAGE_PT},
        "dcat:keyword": [_text("smart cities"), _text("territórios inteligentes")],
        "dcat:landingPage": {"@id": _absolute(request, "releases:detail", release.pk)},
        "dcat:distribution": [_distribution(request, release, fmt) for fmt in FORMATS],
    }


@api.get("/dcat.jsonld", response={200: None}, url_name="dcat", summary="Catálogo DCAT-AP")
def dcat_catalogue(request: HttpRequest):
    """The public releases as a DCAT-AP catalogue in JSON-LD (whoever asks)."""
    group = working_group()
    name = group.name if group else "Grupo de Trabalho da Estratégia Nacional de Smart Cities"
    publisher = {
        "@id": request.build_absolute_uri(reverse("working_group")),
        "@type": "foaf:Agent",
        "foaf:name": name,
    }
    releases = (
        Release.objects.filter(visibility=Release.Visibility.PUBLIC)
        .select_related("deliverable", "render")
        .order_by("deliverable__letter", "-published_at")
    )
    catalogue = {
        "@context": DCAT_CONTEXT,
        "@id": _absolute(request, "api:dcat"),
        "@type": "dcat:Catalog",
        "dct:title": _text("Propostas do Grupo de Trabalho da Estratégia Nacional de Smart Cities"),
        "dct:description": _text(
            "Versões públicas da estratégia, do plano de ação e do modelo de governação "
            "preparados ao abrigo do Despacho n.º 1369-A/2022."
        ),
        "dct:publisher": publisher,
        "dct:language": {"@id": EU_LANGUAGE_PT},
        "foaf:homepage": {"@id": request.build_absolute_uri("/")},
        "dcat:dataset": [_dataset(request, release, publisher) for release in releases],
    }
    return HttpResponse(
        json.dumps(catalogue, ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )
