from dataclasses import dataclass, replace

from .queries import count_of


def page_links(request, param="page", anchor=""):
    """A function that gives the address of page `number` of this list, keeping the filters the person chose.

    `param` names the page number in the address, so one page can hold several lists; `anchor` is the id of the
    list's heading, so the next page opens at the list rather than at the top.
    """

    def page_url(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}" + (f"#{anchor}" if anchor else "")

    return page_url


def _number(value):
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


@dataclass
class Page:
    """One page of a list, with the list's total and the addresses of the pages before and after it."""

    rows: list
    number: int
    per_page: int
    total: int
    previous_url: str = ""
    next_url: str = ""
    # The list goes on past `total`, but only that many are shown (a search that stops counting: see directory).
    more_than_total: bool = False

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    @property
    def num_pages(self):
        return max((self.total + self.per_page - 1) // self.per_page, 1)


def page_of(request, queryset, *, per_page, param="page", anchor=""):
    """The page of `queryset` that the request asks for (`?page=2`), in one query, whatever the list's size.

    The total comes back in the same query as the rows, so a page with several lists does not run a COUNT for each.
    It is counted by a subquery that only looks for the rows' ids: it runs once, and leaves the database free to
    sort and cut the list before working out anything else the rows show. (A window count would make it work out
    every row of the list first.) A number past the end shows the last page (one more query).
    """
    number = _number(request.GET.get(param))
    ids = queryset.model._default_manager.filter(pk__in=queryset.order_by().values("pk"))
    counted = queryset.annotate(rows_in_list=count_of(ids))
    rows = list(counted[(number - 1) * per_page : number * per_page])
    if rows:
        total = rows[0]["rows_in_list"] if isinstance(rows[0], dict) else rows[0].rows_in_list
    else:
        total = queryset.count() if number > 1 else 0
        if total:
            number = (total + per_page - 1) // per_page
            rows = list(counted[(number - 1) * per_page : number * per_page])
    page_url = page_links(request, param, anchor)
    return Page(
        rows=rows,
        number=number,
        per_page=per_page,
        total=total,
        previous_url=page_url(number - 1) if number > 1 else "",
        next_url=page_url(number + 1) if number * per_page < total else "",
    )


def relinked(request, page, *, param="page", anchor=""):
    """The same page of a list with its previous and next addresses made for this request: for a page kept in a
    cache by one request and shown to another, whose address may carry other filters or other lists' pages."""
    page_url = page_links(request, param, anchor)
    return replace(
        page,
        previous_url=page_url(page.number - 1) if page.number > 1 else "",
        next_url=page_url(page.number + 1) if page.number * page.per_page < page.total else "",
    )
