"""Taxonomies as data files: ours ships in data/taxonomy_included.json, and another (the LGA's service types, say)
loads the same way with `manage.py load_taxonomy <file>`.

A term's id is made from the taxonomy's slug and the term's code, so it is the same on every copy of Included and
an API reader can rely on it.
"""

import json
import uuid
from pathlib import Path

INCLUDED_TAXONOMY = Path(__file__).resolve().parent / "data" / "taxonomy_included.json"

TERM_NAMESPACE = uuid.UUID("0c6d6b0e-7d3a-4e55-9c39-5d1f0f3f4a10")


def term_id(taxonomy_slug, code):
    return uuid.uuid5(TERM_NAMESPACE, f"{taxonomy_slug}/{code}")


def load_taxonomy(data, *, taxonomy_model, term_model):
    """Create or update a taxonomy and its terms from the data file's dict. Returns the taxonomy.

    Takes the models so the data migration can pass its historical ones.
    """
    slug = data["slug"]
    taxonomy, _ = taxonomy_model.objects.update_or_create(
        slug=slug,
        defaults={
            "id": uuid.uuid5(TERM_NAMESPACE, slug),
            "name": data["name"],
            "description": data["description"],
            "uri": data.get("uri", ""),
            "version": data.get("version", ""),
            "offered_in_search": data.get("offered_in_search", False),
        },
    )
    codes = {}
    for term in data["terms"]:
        row, _ = term_model.objects.update_or_create(
            taxonomy=taxonomy,
            code=term["code"],
            defaults={
                "id": term_id(slug, term["code"]),
                "name": term["name"],
                "description": term["description"],
                "term_uri": term.get("term_uri", ""),
            },
        )
        codes[term["code"]] = row
    for term in data["terms"]:
        if term.get("parent"):
            codes[term["code"]].parent = codes.get(term["parent"])
            codes[term["code"]].save(update_fields=["parent"])
    return taxonomy


def read_taxonomy_file(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
