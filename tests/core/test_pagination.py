"""A paginator told its count pages by it and asks the database nothing more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import CountedPaginator
from governance.models import User

pytestmark = pytest.mark.django_db


def test_it_pages_by_the_count_it_was_given(secretariat, representative):
    people = User.objects.filter(pk__in=[secretariat.pk, representative.pk]).order_by("pk")
    with CaptureQueriesContext(connection) as captured:
        paginator = CountedPaginator(people, 1, count=2)
        assert (paginator.count, paginator.num_pages) == (2, 2)
    assert len(captured) == 0
    assert list(paginator.get_page(2)) == [representative]
