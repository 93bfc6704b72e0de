"""Checks on what organisations type: no markup in any text, valid Portuguese NIFs."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from stdnum.pt import nif

# An HTML tag or comment: ``<name …>``, ``</name>``, ``<!…>``. Markdown's autolinks
# (``<https://…>``) and a bare ``a < b`` are not tags (a tag name follows ``<`` at once).
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>|<!--|<!\[?[a-zA-Z]")


def refuse_html(value: str) -> None:
    """Refuse text that carries HTML (and so possibly script): contributions are plain Markdown."""
    if value and _TAG.search(value):
        raise ValidationError(
            _("Remove the HTML from this text: write plain text or Markdown."), code="markup"
        )


def validate_nif(value: str) -> None:
    """Refuse a Portuguese tax number (NIF/NIPC) whose check digit or form is wrong."""
    if value and not nif.is_valid(value):
        raise ValidationError(
            _("This is not a valid Portuguese tax number (NIF): check its nine digits."),
            code="invalid_nif",
        )


#: Links people give: the web only, never ``javascript:`` or ``data:``.
validate_web_link = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address starting with https:// or http://.")
)
