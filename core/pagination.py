"""Pagination for pages that already know how many rows they list."""

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    """A paginator given its row count, for a page that computed it anyway (say, in the grouped
    query behind its charts): Django's ``Paginator`` would ask the database once more."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        # ``Paginator.count`` is a cached property: a value set on the instance takes its place.
        self.count = count
