"""The read-only JSON API of the open data, mounted at /api/ by `included.api`.

Each dataset in `datasets.all_datasets()` gets one operation, `/api/partnerships/{slug}/{dataset}/`, whose row
schema is made from the dataset's own field list: the API, the downloads and the data dictionary never disagree.
Every list comes a page at a time in the same wrapper (`count`, `page`, `pages`, `page_size`, `next`, `previous`,
`licence`, `results`).
"""

import math
from typing import Annotated

from django.http import Http404
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field as SchemaField
from pydantic import create_model

from included.core.api_errors import Message, ValidationErrors
from included.partnerships.lookups import partnership_from_slug
from included.partnerships.models import Partnership

from .datasets import all_datasets
from .downloads import licence_metadata

PAGE_SIZE = 100
# Far past any real partnership's data; a bound keeps a made-up page number from asking the database for nonsense.
LAST_PAGE_ASKED = 100_000
NO_PARTNERSHIP = "There is no partnership with this web address."

router = Router(tags=["Open data"])

Slug = Annotated[
    str,
    Path(
        description="The partnership's short name, as in its web address /p/<slug>/.",
        pattern=r"^[-a-zA-Z0-9_]+$",
        max_length=60,
    ),
]
PageNumber = Annotated[int, Query(description=f"Which page of {PAGE_SIZE} rows, from 1.", ge=1, le=LAST_PAGE_ASKED)]


class Licence(Schema):
    name: str = SchemaField(description="The licence's name.")
    identifier: str = SchemaField(description="Its SPDX identifier.")
    url: str = SchemaField(description="Where to read it.")
    attribution: str = SchemaField(description="How to say where the data came from.")


class PartnershipSummary(Schema):
    name: str
    slug: str
    area: str = SchemaField(description="The place the partnership covers.")
    description: str
    licence: Licence
    open_data_page: str = SchemaField(description="The partnership's open data page on this site.")
    datasets: dict[str, str] = SchemaField(description="The address in this API of each of its datasets.")


def _page_schema(name, row_schema):
    return create_model(
        name,
        __base__=Schema,
        count=(int, SchemaField(description="How many rows there are in all.")),
        page=(int, SchemaField(description="This page's number, from 1.")),
        pages=(int, SchemaField(description="How many pages there are.")),
        page_size=(int, SchemaField(description="The most rows a page holds.")),
        next=(str | None, SchemaField(description="The next page's address, if there is one.")),
        previous=(str | None, SchemaField(description="The page before's address, if there is one.")),
        licence=(Licence, SchemaField(description="The open licence the data is published under.")),
        results=(list[row_schema], SchemaField(description="The rows on this page.")),
    )


def _page(request, number, count, results, licence):
    pages = max(1, math.ceil(count / PAGE_SIZE))

    def link(n):
        query = request.GET.copy()
        query["page"] = n
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "page": number,
        "pages": pages,
        "page_size": PAGE_SIZE,
        "next": link(number + 1) if number < pages else None,
        "previous": link(min(number - 1, pages)) if number > 1 else None,
        "licence": licence,
        "results": results,
    }


def _partnership(slug):
    try:
        return partnership_from_slug(slug)
    except Http404:
        raise HttpError(404, NO_PARTNERSHIP) from None


def _summary(partnership):
    return {
        "name": partnership.name,
        "slug": partnership.slug,
        "area": partnership.area,
        "description": partnership.description,
        "licence": licence_metadata(partnership),
        "open_data_page": f"/p/{partnership.slug}/open-data/",
        "datasets": {d.slug: f"/api/partnerships/{partnership.slug}/{d.slug}/" for d in all_datasets()},
    }


PartnershipPage = create_model(
    "PartnershipPage",
    __base__=Schema,
    count=(int, ...),
    page=(int, ...),
    pages=(int, ...),
    page_size=(int, ...),
    next=(str | None, ...),
    previous=(str | None, ...),
    results=(list[PartnershipSummary], ...),
)


@router.get(
    "/partnerships/",
    response={200: PartnershipPage, 400: Message, 422: ValidationErrors},
    summary="Every partnership that publishes open data",
    operation_id="list_partnerships",
)
def list_partnerships(request, page: PageNumber = 1):
    partnerships = Partnership.objects.order_by("name", "pk")
    start = (page - 1) * PAGE_SIZE
    results = [_summary(p) for p in partnerships[start : start + PAGE_SIZE]]
    wrapped = _page(request, page, partnerships.count(), results, None)
    del wrapped["licence"]
    return wrapped


@router.get(
    "/partnerships/{slug}/",
    response={200: PartnershipSummary, 400: Message, 404: Message, 422: ValidationErrors},
    summary="One partnership, its licence and its datasets",
    operation_id="get_partnership",
)
def get_partnership(request, slug: Slug):
    return _summary(_partnership(slug))


def _filter_parameter(field):
    """A filter's query parameter: a whole number for a whole-number field (like a year), else text."""
    description = f"Only rows whose {field.name} is this."
    if field.type.python_type is int:
        return (int | None, SchemaField(None, description=description))
    return (str | None, SchemaField(None, max_length=200, description=description))


def _add_dataset_operation(dataset):
    row_schema = create_model(
        "".join(part.title() for part in dataset.slug.split("-")) + "Row",
        __base__=Schema,
        **{
            field.name: (
                field.type.python_type | None if field.can_be_empty else field.type.python_type,
                SchemaField(description=f"{field.meaning} ({field.type.label})"),
            )
            for field in dataset.fields
        },
    )
    page_schema = _page_schema(row_schema.__name__.removesuffix("Row") + "Page", row_schema)

    def answer(request, slug, page, chosen):
        partnership = _partnership(slug)
        start = (page - 1) * PAGE_SIZE
        rows = [dataset.json_row(row) for row in dataset.page(partnership, start, start + PAGE_SIZE, chosen)]
        return _page(request, page, dataset.count(partnership, chosen), rows, licence_metadata(partnership))

    if dataset.filters:
        filter_schema = create_model(
            row_schema.__name__.removesuffix("Row") + "Filters",
            __base__=Schema,
            **{choice.field: _filter_parameter(dataset.field(choice.field)) for choice in dataset.filters},
        )

        def operation(request, slug: Slug, filters: Query[filter_schema], page: PageNumber = 1):
            return answer(request, slug, page, filters.dict())

    else:

        def operation(request, slug: Slug, page: PageNumber = 1):
            return answer(request, slug, page, None)

    operation.__name__ = f"list_{dataset.slug.replace('-', '_')}"
    router.get(
        f"/partnerships/{{slug}}/{dataset.slug}/",
        response={200: page_schema, 400: Message, 404: Message, 422: ValidationErrors},
        summary=dataset.api_summary,
        description=dataset.description,
        operation_id=operation.__name__,
    )(operation)


for _dataset in all_datasets():
    _add_dataset_operation(_dataset)
