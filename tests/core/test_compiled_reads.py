"""Compiled reads: the queryset is built once per database, every call gives what ``values()``
would have given for its values, and a build that would freeze a value into the SQL is refused."""

import datetime

import pytest
from django.db import connection
from django.db.models import BigIntegerField, Count, F
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.compiled_reads import CompiledRead, Later, compiled_read, together
from governance.models import Entity, Meeting, User
from tests.factories import SecretariatFactory, meeting

pytestmark = pytest.mark.django_db


def _meetings_after(*, after, title):
    return (
        Meeting.objects.filter(starts_at__gt=after)
        .exclude(title=title)
        .order_by("starts_at", "pk")
        .values("id", "title", "starts_at")[:10]
    )


MEETINGS_AFTER = CompiledRead(_meetings_after, after=datetime.datetime, title=str)


@pytest.fixture
def meetings():
    secretariat = SecretariatFactory()
    return [meeting(actor=secretariat, title=f"Reunião {n}", days_ahead=n) for n in (1, 3, 5)]


def test_each_call_gives_the_rows_values_gives_for_its_values(meetings):
    for after, title in [
        (timezone.now(), "Reunião 3"),
        (timezone.now() + datetime.timedelta(days=2), "nenhuma"),
        (timezone.now() + datetime.timedelta(days=9), "Reunião 1"),
    ]:
        rows = MEETINGS_AFTER(after=after, title=title)
        assert rows == list(_meetings_after(after=after, title=title))
    assert [row["title"] for row in MEETINGS_AFTER(after=timezone.now(), title="Reunião 3")] == [
        "Reunião 1",
        "Reunião 5",
    ]


def test_datetimes_come_back_as_the_orm_gives_them(meetings):
    row = MEETINGS_AFTER(after=timezone.now(), title="")[0]
    assert timezone.is_aware(row["starts_at"])
    assert row["starts_at"] == Meeting.objects.get(pk=row["id"]).starts_at


def test_the_queryset_is_built_when_first_read_and_each_call_is_one_query(meetings):
    built = []

    def entity_names(*, entity_id):
        built.append(entity_id)
        return Entity.objects.filter(pk=entity_id).values("name")

    read = CompiledRead(entity_names, entity_id=int)
    entity = Entity.objects.order_by("pk").first()
    read(entity_id=entity.pk)
    with CaptureQueriesContext(connection) as queries:
        assert read(entity_id=entity.pk) == [{"name": entity.name}]
        assert read(entity_id=-1) == []
    assert len(queries) == 2
    assert len(built) == 2  # twice when compiled, to tell placeholders from constants; then never


def test_a_date_placeholder_and_a_bigint_wrapped_parameter_are_filled(meetings):
    def starting_on_or_after(*, day, user_id):
        return (
            Meeting.objects.annotate(
                creator=Coalesce(F("created_by_id"), 0, output_field=BigIntegerField())
            )
            .filter(starts_at__date__gte=day, creator=user_id)
            .values("title")
        )

    read = CompiledRead(starting_on_or_after, day=datetime.date, user_id=int)
    creator = Meeting.objects.first().created_by_id
    later = timezone.localdate() + datetime.timedelta(days=4)
    assert read(day=later, user_id=creator) == [{"title": "Reunião 5"}]
    assert read(day=later, user_id=-1) == []


def test_columns_added_for_the_ordering_only_are_not_returned(meetings):
    def by_item_count():
        return (
            Meeting.objects.annotate(items_count=Count("items"))
            .order_by("-items_count", "title")
            .values("title")
        )

    assert CompiledRead(by_item_count)() == [
        {"title": "Reunião 1"},
        {"title": "Reunião 3"},
        {"title": "Reunião 5"},
    ]


def test_a_build_that_reads_the_database_is_refused():
    def reads_while_building(*, email):
        first = User.objects.first()  # would be frozen into the SQL
        return User.objects.filter(email=email).exclude(pk=getattr(first, "pk", 0)).values("pk")

    with pytest.raises(RuntimeError, match="without reading the database"):
        CompiledRead(reads_while_building, email=str)(email="a@example.pt")


def test_a_placeholder_that_does_not_reach_the_sql_as_it_is_is_refused():
    def transformed(*, word):
        return Meeting.objects.filter(title__icontains=word).values("title")

    with pytest.raises(ValueError, match="worked out from a placeholder"):
        CompiledRead(transformed, word=str)(word="plenária")


def test_it_refuses_rows_that_are_not_values_and_the_wrong_keywords():
    with pytest.raises(TypeError, match="values"):
        CompiledRead(lambda: Meeting.objects.all())()
    read = CompiledRead(lambda *, pk: Meeting.objects.filter(pk=pk).values("pk"), pk=int)
    with pytest.raises(TypeError, match="pk"):
        read(id=1)
    with pytest.raises(TypeError, match="unsupported"):
        CompiledRead(lambda *, ids: Meeting.objects.none(), ids=list)


def test_the_decorator_makes_the_builder_a_read_that_keeps_its_name_and_docstring(meetings):
    @compiled_read(title=str)
    def meetings_titled(*, title):
        """Meetings with this very title."""
        return Meeting.objects.filter(title=title).values("title")

    assert meetings_titled(title="Reunião 3") == [{"title": "Reunião 3"}]
    assert meetings_titled.__doc__ == "Meetings with this very title."
    assert isinstance(meetings_titled, CompiledRead)


def test_a_placeholder_on_a_small_positive_field_is_not_dropped_as_out_of_range(meetings):
    @compiled_read(minutes=int)
    def lasting_at_least(*, minutes):
        return Meeting.objects.filter(items__duration_minutes__gte=minutes).values("title")

    assert lasting_at_least(minutes=0) == list(
        Meeting.objects.filter(items__duration_minutes__gte=0).values("title")
    )


def test_a_constant_equal_to_a_stand_in_stays_a_constant_and_worked_out_values_are_refused():
    @compiled_read(pk=int)
    def with_a_coincidence(*, pk):
        return (
            Meeting.objects.filter(pk=pk)
            .exclude(title="\u27e8compiled read placeholder 0.0\u27e9")
            .values("pk")
        )

    assert with_a_coincidence(pk=-1) == []
    compiled = with_a_coincidence._compiled["default"]
    assert [param({"pk": 5}) for param in compiled.params].count(5) == 1

    @compiled_read(day=datetime.date)
    def worked_out(*, day):
        return Meeting.objects.filter(starts_at__date__gte=day + datetime.timedelta(days=1)).values(
            "pk"
        )

    with pytest.raises(ValueError, match="worked out"):
        worked_out(day=datetime.date(2026, 1, 1))


def test_sql_whose_shape_follows_the_values_is_refused():
    @compiled_read(title=str)
    def shaped_by_the_value(*, title):
        meetings = Meeting.objects.all()
        if title.endswith("0\u27e9"):
            meetings = meetings.filter(place="Lisboa")
        return meetings.filter(title=title).values("pk")

    with pytest.raises(ValueError, match="depends on"):
        shaped_by_the_value(title="x")


def test_reads_sent_together_leave_before_any_is_read_and_give_their_own_rows(meetings):
    """In ``together()`` every read is sent (PostgreSQL: in one pipeline) before the first
    answer is awaited; an ORM query in the block still gets its own answer at once."""
    now = timezone.now()
    with CaptureQueriesContext(connection) as captured:
        with together():
            first = MEETINGS_AFTER.later(after=now, title="Reunião 1")
            later = MEETINGS_AFTER.later(after=now + datetime.timedelta(days=4), title="")
            assert len(captured) == 2
            if connection.vendor == "postgresql":
                assert connection.connection.pgconn.pipeline_status != 0  # not PipelineStatus.OFF
            assert Meeting.objects.filter(title="Reunião 3").count() == 1
        sent = len(captured)
        assert [row["title"] for row in first.result()] == ["Reunião 3", "Reunião 5"]
        assert [row["title"] for row in later.result()] == ["Reunião 5"]
    assert sent == len(captured) == 3


def test_a_later_result_is_read_once_and_what_is_made_of_it_when_asked(meetings):
    reads = []
    rows = Later(lambda: reads.append("read") or [{"id": 1}, {"id": 2}])
    counted = rows.then(len)
    assert reads == []
    assert counted.result() == 2 and rows.result() == [{"id": 1}, {"id": 2}]
    assert reads == ["read"]
