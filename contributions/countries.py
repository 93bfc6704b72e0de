"""Countries for organisations and best practices: ISO 3166-1 alpha-2 codes from ``pycountry``.

Django ships no country list (``django-countries`` would be one more app with its own model
field); ``pycountry`` is the maintained ISO 3166 data set and carries the Portuguese names,
so the codes are stored and the names are shown in the reader's language.
"""

import gettext
from functools import cache

import pycountry
from django.utils import translation

from core.collation import collation_key

PORTUGAL = "PT"


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def country_name(code: str) -> str:
    """The country's name in the active language ('' for an unknown code)."""
    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return ""
    language = (translation.get_language() or "en").split("-")[0]
    return _catalogue(language).gettext(country.name)


def country_choices() -> list[tuple[str, str]]:
    """Every ISO 3166-1 country as (alpha-2 code, name), sorted by name in the active language.

    Sorted by Unicode collation, so «Arábia Saudita» comes before «Arménia» and «Bélgica»
    before «Butão», as in a Portuguese atlas (byte order puts every accented letter last).
    """
    choices = [(country.alpha_2, country_name(country.alpha_2)) for country in pycountry.countries]
    return sorted(choices, key=lambda choice: collation_key(choice[1]))
