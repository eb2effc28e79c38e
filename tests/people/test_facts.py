"""Facts About Me: written in the person's own words, encrypted at rest, removed without a trace."""

import io

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from included.accounts.services import erase_account
from included.core import personal_data
from included.people import services
from included.people.models import Fact
from tests.people.factories import organisation_with_member, person_with_facts

SECRET_WORDS = "I use a wheelchair and have epilepsy zebra-lantern-42"

pytestmark = pytest.mark.django_db

# Every Fernet token starts with its version byte, base64-encoded.
TOKEN_PREFIX = "gAAAAA"


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_every_page_of_the_persons_own_place_opens():
    person = person_with_facts(known_as="Call me Sam.")
    client = _signed_in(person)
    for name in ["hub", "facts", "shares", "new_share", "looked", "one_page", "remove_facts"]:
        assert client.get(reverse(f"people:{name}")).status_code == 200, name
    assert client.get(reverse("people:edit_fact", kwargs={"section": "access"})).status_code == 200
    assert client.get(reverse("people:edit_fact", kwargs={"section": "nothing"})).status_code == 404


def test_the_person_writes_a_section_and_sees_it_on_the_one_page_profile():
    person = person_with_facts()
    client = _signed_in(person)
    response = client.post(reverse("people:edit_fact", kwargs={"section": "proud_of"}), {"text": "I fixed bikes."})
    assert response.status_code == 302
    assert "I fixed bikes." in client.get(reverse("people:one_page")).content.decode()
    client.post(reverse("people:edit_fact", kwargs={"section": "proud_of"}), {"text": "  "})
    assert not Fact.objects.filter(person=person).exists()


@pytest.mark.parametrize(
    "text",
    ["x" * 3001, "hidden\u200bcharacter", "nul\x00byte"],
)
def test_hostile_words_are_refused_and_kept_in_the_box(text):
    person = person_with_facts()
    response = _signed_in(person).post(reverse("people:edit_fact", kwargs={"section": "matters"}), {"text": text})
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert not Fact.objects.exists()
    if response.status_code == 200:
        assert "govuk-error-summary" in page


def test_markup_is_kept_as_words_and_never_run():
    person = person_with_facts(matters="<script>alert('x')</script>")
    page = _signed_in(person).get(reverse("people:facts")).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_encrypted_columns_hold_no_plain_text_in_the_database():
    person_with_facts(access=SECRET_WORDS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM people_fact")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored and all(value.startswith(TOKEN_PREFIX) for value in stored)
    assert not any("zebra" in value for value in stored)


@pytest.mark.django_db(transaction=True)
def test_the_sqlite_database_file_holds_no_plain_text(tmp_path):
    """The whole database written out to a file, read as bytes the way someone who copied it would read it."""
    if connection.vendor != "sqlite":
        pytest.skip("This reads an SQLite database file")
    path = tmp_path / "copy.sqlite3"
    person_with_facts(access=SECRET_WORDS)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    stored = path.read_bytes()
    assert b"zebra" not in stored
    assert b"wheelchair" not in stored
    assert TOKEN_PREFIX.encode() in stored


def test_keys_rotate_and_old_values_still_open(settings):
    person = person_with_facts(access=SECRET_WORDS)
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_field_keys", stdout=io.StringIO())
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    assert Fact.objects.get(person=person).text == SECRET_WORDS


def _every_text_in_the_database():
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            columns = [f.column for f in model._meta.concrete_fields]
            cursor.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} FROM "{table}"')  # noqa: S608
            found.extend(str(value) for row in cursor.fetchall() for value in row if value is not None)
    return found


def test_erasure_leaves_no_trace_of_the_persons_words_in_any_table(settings):
    person = person_with_facts(access=SECRET_WORDS, known_as="Call me zebra-Sam.")
    organisation, member = organisation_with_member()
    share = services.share_sections(person, organisation, ["people.access"], days=30, by=person)
    _signed_in(member).get(
        reverse(
            "people:shared_person",
            kwargs={
                "partnership_slug": organisation.partnership.slug,
                "organisation_slug": organisation.slug,
                "share_id": share.pk,
            },
        )
    )
    download = personal_data.collect(person)
    assert SECRET_WORDS in str(download["facts_about_me"])
    erase_account(person, by=person)
    everything = _every_text_in_the_database()
    assert not any("zebra" in value for value in everything)
    # Not even encrypted: the rows themselves are gone.
    with connection.cursor() as cursor:
        for table in ["people_fact", "people_share", "people_consentrecord", "people_sectionview"]:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
            assert cursor.fetchone()[0] == 0, table
    assert settings.FIELD_ENCRYPTION_KEYS


def test_the_hub_shows_cards_from_the_registry():
    person = person_with_facts(known_as="Sam")
    page = _signed_in(person).get(reverse("people:hub")).content.decode()
    assert "You have written 1 of 7 parts." in page
    assert reverse("people:one_page") in page


def test_the_privacy_notice_explains_facts_about_me_in_plain_words(client):
    page = client.get(reverse("core:privacy")).content.decode()
    assert "Facts About Me, and what you share" in page
    assert "We keep it locked (encrypted)" in page


def test_error_reports_never_show_what_the_person_wrote(monkeypatch, caplog):
    """If saving fails, the error report Django writes (for the admins' email or a log) leaves out the words."""
    import logging

    from django.views.debug import ExceptionReporter

    from included.people import views

    def fail(person, section, text, *, by):
        raise RuntimeError("the database is down")

    monkeypatch.setattr(views.services, "save_fact", fail)
    person = person_with_facts()
    client = Client(raise_request_exception=False)
    client.force_login(person)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.post(reverse("people:edit_fact", kwargs={"section": "access"}), {"text": SECRET_WORDS})
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.exc_info]
    report = ExceptionReporter(record.request, *record.exc_info).get_traceback_text()
    assert "the database is down" in report
    assert "zebra" not in report
    assert "zebra" not in caplog.text
