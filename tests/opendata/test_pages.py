"""The open data page and the data dictionary: public, every dataset with its licence and size, every field."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from included.opendata.datasets import all_datasets, size_class
from included.organisations.enums import Sector
from included.partnerships.enums import DataLicence
from tests.factories import FrameworkVersionFactory

from .conftest import make_rated, make_register

pytestmark = pytest.mark.django_db


def test_the_open_data_page_lists_every_dataset_with_its_licence_size_and_files(client, seeded):
    seeded.data_licence = DataLicence.CC_BY_4
    seeded.save(update_fields=["data_licence"])

    response = client.get(reverse("opendata:index", kwargs={"partnership_slug": "riverside"}))

    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("<h1") == 1
    assert "Creative Commons Attribution 4.0 International (CC BY 4.0)" in text
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in text
    for dataset in all_datasets():
        assert dataset.title in text
        assert f"/p/riverside/open-data/{dataset.slug}.csv" in text
        assert f"/p/riverside/open-data/{dataset.slug}.json" in text
        assert f"/api/partnerships/riverside/{dataset.slug}/" in text
    assert "Small: fewer than 1,000 rows" in text


def test_size_classes_are_words_a_reuser_can_plan_with():
    assert size_class(0) == "Small: fewer than 1,000 rows"
    assert size_class(999) == "Small: fewer than 1,000 rows"
    assert size_class(1_000) == "Medium: 1,000 to 99,999 rows"
    assert size_class(100_000) == "Large: 100,000 rows or more"


def test_the_dictionary_explains_every_field_of_every_dataset(client, partnership):
    response = client.get(reverse("opendata:dictionary", kwargs={"partnership_slug": "riverside"}))

    text = response.content.decode()
    assert text.count("<h1") == 1
    assert "Open Government Licence v3.0" in text
    for dataset in all_datasets():
        assert f'id="{dataset.slug}"' in text
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in text
            assert field.type.label in text
            assert escape(field.meaning) in text


def test_the_open_data_page_reads_the_same_queries_however_big_the_register(client, partnership, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    version = FrameworkVersionFactory(items=2)
    make_register(partnership, 2)
    make_rated(partnership, version, 2)
    url = reverse("opendata:index", kwargs={"partnership_slug": "riverside"})

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    make_register(partnership, 25)
    make_rated(partnership, version, 25, sector=Sector.VCSE)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_coordinator_chooses_the_licence_and_the_database_refuses_any_other(partnership):
    from django.db import IntegrityError, transaction

    assert partnership.data_licence == DataLicence.OGL_3
    with pytest.raises(IntegrityError), transaction.atomic():
        type(partnership).objects.filter(pk=partnership.pk).update(data_licence="all-rights-reserved")
