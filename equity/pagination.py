"""One page size and one reading of `?page=` for every list in the portal."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator


def page_of(request, items, *, per_page: int | None = None, count: int | None = None) -> Page:
    """The requested page of `items` (`settings.LIST_PAGE_SIZE` rows unless told): a number past the end or below
    one gives the last page, anything that is not a number the first; never an error. `count`, the number of
    `items` when the caller has it already (counted in the query that read their parent), spares the COUNT query."""
    paginator = Paginator(items, per_page or settings.LIST_PAGE_SIZE)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached property: this is the value it would have counted
    return paginator.get_page(request.GET.get("page"))
