"""On PostgreSQL, a search for a word inside a name or a description reads a trigram index (core/word_indexes.py),
not every row: Find help and the Open Referral API over services, and requests to join over member organisations,
whose charity or company number is looked up through an index on it written in capitals without spaces."""

import json

import pytest
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Replace, Upper

from included.core.word_indexes import index_name
from included.demo.scale import PLACES
from included.demo.scale_directory import seed_directory
from included.directory.models import Service
from included.organisations.models import Organisation
from tests.demo.test_query_plans import explain_without_sequential_scans
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the word indexes are PostgreSQL's"),
]

SEARCHED = [
    (Service, "name"),
    (Service, "description"),
    (Service, "who_it_is_for"),
    (Organisation, "name"),
]


@pytest.fixture(autouse=True)
def word_indexes_made():
    """Where PostgreSQL has no pg_trgm to add, the migrations make no word indexes, by design."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            pytest.skip("this PostgreSQL server has no pg_trgm extension, so there are no word indexes")


@pytest.fixture(autouse=True)
def many_services(word_indexes_made):
    """Enough rows for the planner's choice to mean something: on an empty table any index will do."""
    partnership = PartnershipFactory()
    organisations = [OrganisationFactory(partnership=partnership) for _ in range(40)]
    seed_directory(partnership, organisations, 1200, seed=1, places=PLACES)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        return json.dumps(explain_without_sequential_scans(cursor.mogrify(sql, params)))


@pytest.mark.parametrize(("model", "column"), SEARCHED, ids=[f"{m.__name__}.{c}" for m, c in SEARCHED])
def test_a_search_for_a_word_reads_the_word_index(model, column):
    # Whole rows, as the pages read them: a query that needs only indexed columns may read a whole small index.
    queryset = model.objects.filter(**{f"{column}__icontains": "quokka"})
    assert index_name(model._meta.db_table, column) in _plan(queryset)


def test_a_charity_or_company_number_written_any_way_is_found_through_its_index():
    number = Upper(Replace("registration_number", Value(" "), Value("")))
    queryset = Organisation.objects.annotate(number=number).filter(number__in=["1190412"]).values("pk")
    assert "organisation_number_idx" in _plan(queryset)
