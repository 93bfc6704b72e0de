"""The members' catalogue as files: CSV for people (pt-PT headers and labels, local times) and
JSON for machines (stable field names and codes that do not change with the language)."""

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contributions.models import Contribution


def _path(contribution: Contribution, path: str):
    value = contribution
    for part in path.split("."):
        value = getattr(value, part, None) if value is not None else None
    return value


@dataclass(frozen=True)
class Column:
    code: str  # the JSON key, stable for machines
    label: object  # the CSV header, in the reader's language
    path: str  # where the code lives on a contribution
    shown: Callable[[Contribution], object] | None = None  # what a person reads in the CSV

    def code_of(self, contribution: Contribution):
        value = _path(contribution, self.path)
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return "" if value is None else value

    def label_of(self, contribution: Contribution):
        if self.shown is not None:
            return self.shown(contribution)
        return self.code_of(contribution)


def _display(path: str) -> Callable[[Contribution], str]:
    """The label of a choice field (``organisation.kind`` → «Município»)."""
    *owner, field = path.split(".")

    def shown(contribution: Contribution) -> str:
        target = _path(contribution, ".".join(owner)) if owner else contribution
        return "" if target is None else str(getattr(target, f"get_{field}_display")())

    return shown


def _local_time(contribution: Contribution) -> str:
    moment = contribution.submitted_at
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _region_name(path: str) -> Callable[[Contribution], str]:
    def shown(contribution: Contribution) -> str:
        region = _path(contribution, path)
        return f"{region.code} {region.name}" if region is not None else ""

    return shown


COLUMNS = [
    Column("id", _("Number"), "id"),
    Column("title", _("Title"), "title"),
    Column("kind", _("Kind"), "kind", _display("kind")),
    Column("state", _("State"), "state", _display("state")),
    Column("organisation", _("Organisation"), "organisation.name"),
    Column(
        "organisation_kind",
        _("Kind of organisation"),
        "organisation.kind",
        _display("organisation.kind"),
    ),
    Column("call", _("Call"), "call.title"),
    Column("domain", _("Domain"), "domain", _display("domain")),
    Column("maturity", _("Maturity"), "maturity", _display("maturity")),
    Column("municipality", _("Municipality"), "municipality"),
    Column("nuts3", _("NUTS III region"), "region.code", _region_name("region")),
    Column("nuts2", _("NUTS II region"), "region.parent.code", _region_name("region.parent")),
    Column("country", _("Country"), "country", lambda contribution: contribution.country_name),
    Column("summary", _("Summary"), "summary"),
    Column("submitted_at", _("Submitted on"), "submitted_at", _local_time),
]


def _spreadsheet_safe(value):
    """Keep a cell from being read as a formula by spreadsheet programs (CSV injection)."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def catalogue_csv(contributions: Iterable[Contribution]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="contributos.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the accents as UTF-8
    writer = csv.writer(response)
    writer.writerow([str(column.label) for column in COLUMNS])
    for contribution in contributions:
        writer.writerow([_spreadsheet_safe(column.label_of(contribution)) for column in COLUMNS])
    return response


def catalogue_json(contributions: Iterable[Contribution]) -> HttpResponse:
    rows = [
        {column.code: column.code_of(contribution) for column in COLUMNS}
        for contribution in contributions
    ]
    response = HttpResponse(
        json.dumps({"contributions": rows}, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="contributos.json"'
    return response
