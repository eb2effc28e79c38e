import pytest
from django.urls import reverse
from django.utils.html import escape

from included.core.models import AuditEvent
from included.language.checking import check_text
from included.language.models import WordListChange, WordListEntry
from included.language.word_lists import lexicon_for
from tests.factories import OrganisationMemberFactory, PartnershipFactory, PartnershipMemberFactory

pytestmark = pytest.mark.django_db


def lists_url(partnership, **query):
    url = reverse("language:word_lists", kwargs={"partnership_slug": partnership.slug})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def add_url(partnership):
    return reverse("language:add_entry", kwargs={"partnership_slug": partnership.slug})


def change_url(partnership, kind, key):
    return reverse("language:change_entry", kwargs={"partnership_slug": partnership.slug, "kind": kind, "key": key})


def switch_url(partnership, kind, key):
    return reverse("language:switch_entry", kwargs={"partnership_slug": partnership.slug, "kind": kind, "key": key})


def flagged(partnership, text):
    return [flag.text for flag in check_text(text, lexicon=lexicon_for(partnership)).flags]


@pytest.fixture
def coordinator():
    return PartnershipMemberFactory()


@pytest.fixture
def reviewer(coordinator):
    return PartnershipMemberFactory(partnership=coordinator.partnership, reviewer=True)


@pytest.mark.parametrize("role", ["coordinator", "reviewer"])
def test_coordinators_and_reviewers_see_the_word_lists(client, coordinator, reviewer, role):
    person = {"coordinator": coordinator, "reviewer": reviewer}[role]
    client.force_login(person.user)
    response = client.get(lists_url(person.partnership))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert "utilise, utilisation" in content
    assert "Included&#x27;s list" in content
    inclusive = client.get(lists_url(person.partnership, list="inclusive")).content.decode()
    assert "hard to reach" in inclusive


def test_an_organisation_member_cannot_see_or_change_the_word_lists(client, coordinator):
    member = OrganisationMemberFactory(organisation__partnership=coordinator.partnership)
    client.force_login(member.user)
    partnership = coordinator.partnership
    assert client.get(lists_url(partnership)).status_code == 403
    assert client.get(add_url(partnership)).status_code == 403
    response = client.post(add_url(partnership), {"kind": "plain", "phrases": "synergise", "instead": "work with"})
    assert response.status_code == 403
    assert client.post(switch_url(partnership, "plain", "utilise"), {"on": "off"}).status_code == 403
    assert not WordListEntry.objects.exists()


def test_a_coordinator_of_another_partnership_cannot_change_this_one(client, coordinator):
    other = PartnershipMemberFactory()
    client.force_login(other.user)
    partnership = coordinator.partnership
    assert client.get(lists_url(partnership)).status_code == 403
    response = client.post(change_url(partnership, "plain", "utilise"), {"phrases": "utilise", "instead": "x"})
    assert response.status_code == 403
    assert client.post(switch_url(partnership, "plain", "utilise"), {"on": "off"}).status_code == 403
    assert not WordListEntry.objects.exists()


def test_signed_out_people_are_asked_to_sign_in(client, coordinator):
    response = client.get(lists_url(coordinator.partnership))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_reviewer_adds_an_entry_and_the_checker_uses_it_at_once(client, reviewer):
    client.force_login(reviewer.user)
    partnership = reviewer.partnership
    response = client.post(
        add_url(partnership),
        {
            "kind": "inclusive",
            "phrases": "clients\nservice recipients",
            "instead": "people",
            "why": "We work with people, not cases.",
        },
    )
    assert response.status_code == 302
    entry = WordListEntry.objects.get()
    assert (entry.partnership, entry.kind, entry.key, entry.created_by) == (
        partnership,
        "inclusive",
        "own-clients",
        reviewer.user,
    )
    assert flagged(partnership, "Our clients and service recipients") == ["clients", "service recipients"]
    assert flagged(PartnershipFactory(), "Our clients and service recipients") == []
    change = WordListChange.objects.get()
    assert (change.action, change.changed_by, change.after["phrases"]) == (
        "added",
        reviewer.user,
        ["clients", "service recipients"],
    )
    assert AuditEvent.objects.filter(action="language.word_list.added", partnership=partnership).exists()
    listed = client.get(lists_url(partnership, list="inclusive")).content.decode()
    assert "clients, service recipients" in listed
    assert "Added by your partnership" in listed


def test_a_coordinator_changes_a_default_entry_for_their_partnership_only(client, coordinator):
    client.force_login(coordinator.user)
    partnership = coordinator.partnership
    form = client.get(change_url(partnership, "plain", "utilise")).content.decode()
    assert "utilise\nutilisation</textarea>" in form
    response = client.post(
        change_url(partnership, "plain", "utilise"),
        {"phrases": "utilise\nutilisation\nmake use of", "instead": "use", "why": ""},
    )
    assert response.status_code == 302
    entry = WordListEntry.objects.get()
    assert entry.changes_default and entry.key == "utilise"
    assert flagged(partnership, "We make use of tools.") == ["make use of"]
    assert flagged(PartnershipFactory(), "We make use of tools.") == []
    change = WordListChange.objects.get()
    assert change.before["phrases"] == ["utilise", "utilisation"]
    assert change.after["phrases"] == ["utilise", "utilisation", "make use of"]
    # With no reason of its own, the entry keeps the default reason.
    [flag] = check_text("We make use of tools.", lexicon=lexicon_for(partnership)).flags
    assert flag.why.startswith("Everyday words are quicker to read")


def test_switching_an_entry_off_stops_the_suggestion_and_on_brings_it_back(client, coordinator):
    client.force_login(coordinator.user)
    partnership = coordinator.partnership
    response = client.post(switch_url(partnership, "inclusive", "service-users"), {"on": "off"})
    assert response.status_code == 302
    assert flagged(partnership, "Service users are welcome.") == []
    listed = client.get(lists_url(partnership, list="inclusive")).content.decode()
    assert "Switched off" in listed
    client.post(switch_url(partnership, "inclusive", "service-users"), {"on": "on"})
    assert flagged(partnership, "Service users are welcome.") == ["Service users"]
    actions = list(WordListChange.objects.order_by("id").values_list("action", "changed_by"))
    assert actions == [("switched_off", coordinator.user.pk), ("switched_on", coordinator.user.pk)]


def test_the_history_shows_who_changed_what_and_when(client, coordinator, reviewer):
    partnership = coordinator.partnership
    client.force_login(coordinator.user)
    client.post(switch_url(partnership, "plain", "ensure"), {"on": "off"})
    client.force_login(reviewer.user)
    response = client.get(reverse("language:history", kwargs={"partnership_slug": partnership.slug}))
    content = response.content.decode()
    assert escape(coordinator.user.name) in content
    assert "Switched off in plainer words" in content
    assert "ensure → make sure (switched off)" in content


def test_a_phrase_already_in_the_list_is_refused_with_a_way_forward(client, coordinator):
    client.force_login(coordinator.user)
    response = client.post(
        add_url(coordinator.partnership), {"kind": "plain", "phrases": "Utilises", "instead": "uses"}
    )
    assert response.status_code == 200
    assert "“Utilises” is already in the list. Change that entry instead" in response.content.decode()
    assert not WordListEntry.objects.exists()


def test_an_inclusive_entry_must_say_why_it_matters(client, coordinator):
    client.force_login(coordinator.user)
    response = client.post(
        add_url(coordinator.partnership), {"kind": "inclusive", "phrases": "clients", "instead": "people"}
    )
    assert "Say why it matters" in response.content.decode()
    assert not WordListEntry.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "plain", "phrases": "", "instead": "x"}, "This field is required"),
        ({"kind": "plain", "phrases": "  \n  ", "instead": "x"}, "This field is required"),
        ({"kind": "plain", "phrases": "?!", "instead": "x"}, "has no letters or numbers"),
        ({"kind": "plain", "phrases": "x" * 101, "instead": "x"}, "100 characters or fewer"),
        ({"kind": "plain", "phrases": "\n".join(f"word{n}" for n in range(21)), "instead": "x"}, "20 phrases or fewer"),
        ({"kind": "nasty", "phrases": "synergise", "instead": "x"}, "Select a valid choice"),
        ({"kind": "plain", "phrases": "synergise", "instead": ""}, "This field is required"),
    ],
)
def test_wrong_entries_get_a_clear_error_and_keep_what_was_typed(client, coordinator, data, message):
    client.force_login(coordinator.user)
    response = client.post(add_url(coordinator.partnership), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "There is a problem" in content
    assert not WordListEntry.objects.exists()


def test_hostile_words_are_stored_as_text_and_shown_escaped(client, coordinator):
    client.force_login(coordinator.user)
    partnership = coordinator.partnership
    client.post(
        add_url(partnership),
        {"kind": "plain", "phrases": "<script>alert(1)</script>", "instead": "<b>nothing</b>", "why": "x"},
    )
    listed = client.get(lists_url(partnership)).content.decode()
    assert "<script>alert(1)</script>" not in listed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listed
    assert "&lt;b&gt;nothing&lt;/b&gt;" in listed


def test_an_unknown_entry_is_not_found(client, coordinator):
    client.force_login(coordinator.user)
    partnership = coordinator.partnership
    assert client.get(change_url(partnership, "plain", "no-such-entry")).status_code == 404
    assert client.get(change_url(partnership, "other", "utilise")).status_code == 404
    assert client.post(switch_url(partnership, "plain", "no-such-entry"), {"on": "off"}).status_code == 404


def test_an_entry_another_partnership_added_cannot_be_reached(client, coordinator):
    other = PartnershipFactory()
    WordListEntry.objects.create(partnership=other, kind="plain", key="own-secret", phrases="secret", instead="x")
    client.force_login(coordinator.user)
    assert client.get(change_url(coordinator.partnership, "plain", "own-secret")).status_code == 404


def test_the_word_list_page_needs_the_same_queries_however_many_entries_there_are(client, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    partnership = coordinator.partnership
    client.force_login(coordinator.user)
    client.get(lists_url(partnership))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(lists_url(partnership)).status_code == 200
        return len(captured)

    WordListEntry.objects.create(partnership=partnership, kind="plain", key="own-first", phrases="first", instead="x")
    few = queries()
    for number in range(30):
        WordListEntry.objects.create(
            partnership=partnership, kind="plain", key=f"own-{number}", phrases=f"word{number}", instead="x"
        )
    assert queries() == few <= 12
