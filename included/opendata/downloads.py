"""The CSV and JSON files of each dataset, streamed row by row so a large register never sits in memory.

The licence travels with the data. A JSON file says it in its `metadata`. A CSV file stays plain CSV (a comment
line would be read as a row by most programs), so its licence is in a sidecar file beside it, in the W3C "CSV on
the Web" metadata format (`<file>.csv-metadata.json`), which also describes each column; the CSV response links to
its licence and sidecar in HTTP `Link` headers.
"""

import csv
import json

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json"
CSVW_TYPE = "application/csvm+json"


class _Echo:
    """csv.writer writes to this and gets each line back to stream, instead of building the file in memory."""

    def write(self, value):
        return value


def _safe_cell(value):
    """Stop a spreadsheet treating text someone typed as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def filename(partnership, dataset, extension):
    return f"{partnership.slug}-{dataset.slug}-{timezone.localdate().isoformat()}.{extension}"


def licence_metadata(partnership):
    licence = partnership.licence
    return {
        "name": licence.label,
        "identifier": licence.short_name,
        "url": licence.url,
        "attribution": f"Contains data from {partnership.name}, published with Included.",
    }


def metadata(partnership, dataset):
    return {
        "title": f"{dataset.title}: {partnership.name}",
        "description": dataset.description,
        "publisher": partnership.name,
        "licence": licence_metadata(partnership),
        "created": timezone.now().isoformat(timespec="seconds"),
        "dictionary": reverse("opendata:dictionary", kwargs={"partnership_slug": partnership.slug})
        + f"#{dataset.slug}",
        "fields": [{"name": f.name, "type": f.type.label, "meaning": f.meaning} for f in dataset.fields],
    }


def _attachment(response, name):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_response(partnership, dataset):
    writer = csv.writer(_Echo())

    def lines():
        # The byte order mark tells spreadsheet programs that the file is UTF-8, so £ and accents survive.
        yield "\ufeff" + writer.writerow(dataset.field_names)
        for row in dataset.rows(partnership):
            yield writer.writerow([_safe_cell(value) for value in dataset.csv_row(row)])

    response = StreamingHttpResponse(lines(), content_type=CSV_TYPE)
    sidecar = reverse(
        "opendata:csv_metadata", kwargs={"partnership_slug": partnership.slug, "dataset_slug": dataset.slug}
    )
    response["Link"] = f'<{partnership.licence.url}>; rel="license", <{sidecar}>; rel="describedby"; type="{CSVW_TYPE}"'
    return _attachment(response, filename(partnership, dataset, "csv"))


def json_response(partnership, dataset):
    def chunks():
        head = json.dumps({"metadata": metadata(partnership, dataset)}, ensure_ascii=False)
        # The object is written open, then each row, then closed: a valid JSON document, one row at a time.
        yield head[:-1] + ', "rows": ['
        separator = ""
        for row in dataset.rows(partnership):
            yield separator + json.dumps(dataset.json_row(row), ensure_ascii=False)
            separator = ","
        yield "]}"

    response = StreamingHttpResponse(chunks(), content_type=JSON_TYPE)
    response["Link"] = f'<{partnership.licence.url}>; rel="license"'
    return _attachment(response, filename(partnership, dataset, "json"))


def csv_metadata(partnership, dataset, csv_url):
    """The CSV on the Web (CSVW) description of a dataset's CSV file: its licence and its columns."""
    return {
        "@context": "http://www.w3.org/ns/csvw",
        "url": csv_url,
        "dc:title": f"{dataset.title}: {partnership.name}",
        "dc:description": dataset.description,
        "dc:publisher": partnership.name,
        "dc:license": {"@id": partnership.licence.url},
        "tableSchema": {
            "columns": [
                {
                    "name": field.name,
                    "titles": field.name,
                    "dc:description": field.meaning,
                    "datatype": field.type.csvw_datatype,
                }
                for field in dataset.fields
            ]
        },
    }
