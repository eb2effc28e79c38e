"""The public open data pages and downloads of a partnership. Everything here is public and read-only."""

import json

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from included.core import public_cache
from included.core.decorators import same_for_everyone_signed_out
from included.partnerships.lookups import partnership_from_slug

from . import downloads
from .datasets import all_datasets, dataset_named, size_class

FORMATS = {"csv": downloads.csv_response, "json": downloads.json_response}


def _download_links(partnership, dataset):
    kwargs = {"partnership_slug": partnership.slug, "dataset_slug": dataset.slug}
    return {
        "csv": reverse("opendata:csv", kwargs=kwargs),
        "json": reverse("opendata:json", kwargs=kwargs),
        "csv_metadata": reverse("opendata:csv_metadata", kwargs=kwargs),
        "api": f"/api/partnerships/{partnership.slug}/{dataset.slug}/",
    }


def _size_classes(partnership):
    return {dataset.slug: size_class(dataset.count(partnership)) for dataset in all_datasets()}


@login_not_required
@same_for_everyone_signed_out
@require_safe
def index(request, partnership_slug):
    """Every dataset the partnership publishes, its licence, how big it is and where to get it."""
    partnership = partnership_from_slug(partnership_slug)
    sizes = public_cache.cached_content(partnership.pk, "open-data", [], lambda: _size_classes(partnership))
    datasets = [
        {"dataset": dataset, "size": sizes[dataset.slug], "links": _download_links(partnership, dataset)}
        for dataset in all_datasets()
    ]
    return render(
        request,
        "opendata/index.html",
        {"partnership": partnership, "licence": partnership.licence, "datasets": datasets},
    )


@login_not_required
@same_for_everyone_signed_out
@require_safe
def dictionary(request, partnership_slug):
    """Every field of every dataset: its name, its type and what it means."""
    partnership = partnership_from_slug(partnership_slug)
    return render(
        request,
        "opendata/dictionary.html",
        {"partnership": partnership, "licence": partnership.licence, "datasets": all_datasets()},
    )


def _dataset(partnership_slug, dataset_slug):
    partnership = partnership_from_slug(partnership_slug)
    dataset = dataset_named(dataset_slug)
    if dataset is None:
        raise Http404("There is no dataset with this name")
    return partnership, dataset


def _download(file_format):
    @login_not_required
    @require_safe
    def download(request, partnership_slug, dataset_slug):
        partnership, dataset = _dataset(partnership_slug, dataset_slug)
        return FORMATS[file_format](partnership, dataset)

    download.__name__ = download.__qualname__ = f"download_{file_format}"
    download.__doc__ = f"The dataset as a {file_format.upper()} file, streamed."
    return download


download_csv = _download("csv")
download_json = _download("json")


@login_not_required
@require_safe
def csv_metadata(request, partnership_slug, dataset_slug):
    """The CSV file's sidecar: its licence and columns, in the CSV on the Web format."""
    partnership, dataset = _dataset(partnership_slug, dataset_slug)
    csv_url = request.build_absolute_uri(_download_links(partnership, dataset)["csv"])
    document = downloads.csv_metadata(partnership, dataset, csv_url)
    response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=2), content_type=downloads.CSVW_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{downloads.filename(partnership, dataset, "csv")}-metadata.json"'
    )
    return response
