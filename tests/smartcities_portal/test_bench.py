"""Smoke tests of ``make bench``'s code paths on the small data set (timings are not judged)."""

import pytest
from django.db import connection

from contributions.models import Contribution
from governance.models import Meeting
from smartcities_portal.bench import measure, seed
from strategy.models import Release, Section

pytestmark = pytest.mark.django_db
on_postgresql = connection.vendor == "postgresql"


def test_bulk_seeding_leaves_one_history_row_per_version():
    seed.seed(seed.SMALL)
    sections = Section.objects.count()
    assert sections == 3 * seed.SMALL.sections
    assert Section.history.count() == sections * seed.SMALL.versions
    assert set(Section.objects.values_list("revision", flat=True)) == {seed.SMALL.versions}
    assert Contribution.history.count() == Contribution.objects.count() == seed.SMALL.contributions
    assert Meeting.history.count() == Meeting.objects.count() == seed.SMALL.meetings
    release = Release.objects.order_by("pk").first()
    assert release.section_versions.count() == seed.SMALL.sections
    assert {v.revision for v in release.section_versions.all()} == {seed.SMALL.versions}


def test_seeding_again_only_tops_up():
    seed.seed(seed.SMALL)
    seed.seed(seed.SMALL)
    assert Section.objects.count() == 3 * seed.SMALL.sections
    assert Release.objects.count() == seed.SMALL.releases


def test_every_key_page_is_measured_against_the_floor_view(settings):
    settings.SECOND_FACTOR_REQUIRED = True  # as with debug off: the secretariat passes its code
    settings.ROOT_URLCONF = "smartcities_portal.bench.urls"
    settings.MIDDLEWARE = [
        "smartcities_portal.bench.timing.ServerTimingMiddleware",
        *settings.MIDDLEWARE,
    ]
    cast = seed.seed(seed.SMALL)
    results = measure.pages_against_floor(measure.key_pages(cast.secretariat), rounds=1)
    expected = {"dashboard", "outline", "section", "history", "compare", "catalogue", "meeting"}
    expected |= {"search", "notifications"} | ({"search, new words"} if on_postgresql else set())
    assert expected | {"releases", "working group", "floor"} <= set(results)
    assert all(
        row["ratio"] > 0 and row["queries"] > 0 for name, row in results.items() if name != "floor"
    )


def test_publication_is_measured_with_its_query_count():
    cast = seed.seed(seed.SMALL)
    result = measure.release_publication(cast.secretariat)
    assert result["sections"] == seed.SMALL.sections
    assert result["queries"] > 0


def test_the_diff_is_measured_against_difflib_on_ten_thousand_words():
    result = measure.diff_against_difflib(repeat=1)
    assert result["words"] == 10_000
    assert result["portal_ms"] > 0
    assert result["difflib_ms"] > 0


@pytest.mark.skipif(not on_postgresql, reason="SQLite keeps no search results: every one is new")
def test_the_search_of_new_words_searches_other_words_each_time_with_the_same_matches():
    cast = seed.seed(seed.SMALL)
    (page,) = [page for page in measure.key_pages(cast.secretariat) if page.new_words]
    assert page.url_for(1) != page.url_for(2)
    client = measure.signed_in_client(cast.secretariat)
    same, new = client.get(page.url).content, client.get(page.url_for(1)).content
    assert same.count(b"<mark>") == new.count(b"<mark>") > 0
