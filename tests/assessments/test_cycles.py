"""An organisation signs up, fills in a self-assessment cycle, and submits it. Nothing typed is lost."""

import io
import re
import zipfile
from pathlib import PurePosixPath

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from included.assessments import services
from included.assessments.enums import AssessmentStatus
from included.assessments.models import AssessmentItem, EvidenceFile, SignUp
from included.core.models import AuditEvent
from tests.assessments.factories import rate_every_item
from tests.factories import (
    FrameworkVersionFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PartnershipMemberFactory,
    UserFactory,
)
from tests.helpers import read_download

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return OrganisationMemberFactory()


@pytest.fixture
def version():
    return FrameworkVersionFactory(items=3)


@pytest.fixture
def signed_up(admin, version):
    return services.sign_up(
        admin.organisation,
        version,
        lead_name="Ana Okafor",
        lead_role="Owner",
        statement="We hire people who others overlook.",
        by=admin.user,
    )


@pytest.fixture
def draft(signed_up, admin):
    return services.start_assessment(signed_up, by=admin.user)


def org_kwargs(organisation):
    return {"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug}


def item_url(answer):
    return reverse(
        "assessments:item",
        kwargs=org_kwargs(answer.assessment.organisation)
        | {"assessment_id": answer.assessment_id, "item_id": answer.pk},
    )


def item_post(answer, **overrides):
    data = {
        "version": answer.version,
        "rating": "3",
        "target": "4",
        "evidence": "We changed how we advertise jobs.",
        "evidence_links": "https://example.org/jobs",
        "involvement": "yes",
        "involvement_note": "A panel of four.",
    }
    data.update(overrides)
    return data


def form_token(page):
    """The one-time token of the form on a page, as a browser would send it back."""
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def first_answer(assessment):
    return assessment.items.with_framework().first()


class TestSigningUp:
    def test_admin_signs_up_and_the_statement_is_kept(self, client, admin, version):
        client.force_login(admin.user)
        url = reverse("assessments:sign_up", kwargs=org_kwargs(admin.organisation))
        response = client.post(
            url,
            {
                "framework_version": version.pk,
                "lead_name": "Ana",
                "lead_role": "",
                "statement": "Everyone is welcome here.",
            },
        )
        assert response.status_code == 302
        record = SignUp.objects.get(organisation=admin.organisation)
        assert record.statement == "Everyone is welcome here."
        assert AuditEvent.objects.filter(action="sign_up.created").exists()

    def test_missing_statement_is_a_clear_error_and_the_lead_is_kept(self, client, admin, version):
        client.force_login(admin.user)
        url = reverse("assessments:sign_up", kwargs=org_kwargs(admin.organisation))
        response = client.post(url, {"framework_version": version.pk, "lead_name": "Ana Okafor", "statement": ""})
        assert response.status_code == 200
        assert "Say what inclusion means for your organisation" in response.text
        assert 'value="Ana Okafor"' in response.text
        assert response.text.count("Error:") >= 1

    def test_hostile_and_huge_input_is_refused_plainly(self, client, admin, version):
        client.force_login(admin.user)
        url = reverse("assessments:sign_up", kwargs=org_kwargs(admin.organisation))
        response = client.post(
            url,
            {"framework_version": "not-a-number", "lead_name": "<script>alert(1)</script>", "statement": "x" * 50_000},
        )
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.text
        assert "&lt;script&gt;" in response.text
        assert "Choose one of the frameworks listed" in response.text
        assert "3000 characters" in response.text
        assert not SignUp.objects.exists()

    def test_two_admins_changing_the_statement_at_once_see_both_versions(self, client, admin, signed_up):
        colleague = OrganisationMemberFactory(organisation=admin.organisation)
        client.force_login(admin.user)
        url = reverse(
            "assessments:edit_statement", kwargs=org_kwargs(admin.organisation) | {"sign_up_id": signed_up.pk}
        )
        assert 'name="version" value="1"' in client.get(url).text
        services.update_statement(
            signed_up, lead_name="Ana Okafor", lead_role="Owner", statement="Their statement", by=colleague.user
        )
        mine = {"version": "1", "lead_name": "Ana Okafor", "lead_role": "Owner", "statement": "My statement"}
        response = client.post(url, mine)
        assert response.status_code == 409
        assert "Their statement" in response.text
        assert "My statement" in response.text
        # As the page writes it: a made-up name may hold an apostrophe, which HTML escapes.
        assert f"{escape(colleague.user.name)} saved this statement" in response.text
        assert "We have not saved your changes yet" in response.text
        signed_up.refresh_from_db()
        assert signed_up.statement == "Their statement"
        # Saving again from the conflict page is a knowing choice, and it goes through.
        response = client.post(url, mine | {"version": str(signed_up.version)})
        assert response.status_code == 302
        signed_up.refresh_from_db()
        assert signed_up.statement == "My statement"

    def test_a_member_who_is_not_admin_cannot_sign_up(self, client, version):
        member = OrganisationMemberFactory(member=True)
        client.force_login(member.user)
        response = client.get(reverse("assessments:sign_up", kwargs=org_kwargs(member.organisation)))
        assert response.status_code == 403

    def test_someone_from_another_organisation_gets_not_found(self, client, admin, version):
        outsider = OrganisationMemberFactory(organisation__partnership=admin.organisation.partnership)
        client.force_login(outsider.user)
        response = client.get(reverse("assessments:sign_up", kwargs=org_kwargs(admin.organisation)))
        assert response.status_code == 404

    def test_the_database_refuses_a_second_sign_up_to_the_same_version(self, signed_up, admin, version):
        with pytest.raises(IntegrityError):
            SignUp.objects.create(
                organisation=admin.organisation, framework_version=version, lead_name="x", statement="y"
            )


class TestFillingIn:
    def test_saving_an_item_keeps_every_answer(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        response = client.post(item_url(answer), item_post(answer))
        assert response.status_code == 302
        answer.refresh_from_db()
        assert (answer.rating, answer.target, answer.involvement) == (3, 4, "yes")
        assert answer.version == 2

    def test_the_prompts_shown_are_for_the_organisations_sector(self, client, admin, draft):
        client.force_login(admin.user)
        response = client.get(item_url(first_answer(draft)))
        assert "Employers: point 1." in response.text
        assert "VCSEs: point 1." not in response.text
        assert "Everyone: point 1." in response.text

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("rating", "9", "Choose one of the levels listed"),
            ("rating", "three", "Choose one of the levels listed"),
            ("evidence_links", "javascript:alert(1)", "Line 1 is not a web address"),
            ("evidence", "y" * 7000, "6000 characters"),
            ("involvement", "maybe", "Choose one of the answers listed"),
        ],
    )
    def test_wrong_input_is_explained_and_nothing_typed_is_lost(self, client, admin, draft, field, value, message):
        client.force_login(admin.user)
        answer = first_answer(draft)
        data = item_post(answer, evidence="Kept words")
        data[field] = value
        response = client.post(item_url(answer), data)
        assert response.status_code == 200
        assert message in response.text
        assert "There is a problem" in response.text
        if field != "evidence":
            assert "Kept words" in response.text
        answer.refresh_from_db()
        assert answer.version == 1

    def test_two_people_editing_at_once_see_both_versions(self, client, admin, draft):
        colleague = OrganisationMemberFactory(organisation=admin.organisation, member=True)
        answer = first_answer(draft)
        services.save_item(answer, {"rating": 2, "evidence": "Their words"}, expected_version=1, by=colleague.user)
        client.force_login(admin.user)
        response = client.post(item_url(answer), item_post(answer, version=1, evidence="My words"))
        assert response.status_code == 409
        assert "Their words" in response.text
        assert "My words" in response.text
        assert "We have not saved your changes yet" in response.text
        answer.refresh_from_db()
        assert answer.evidence == "Their words"
        # Saving again from the conflict page is a knowing choice, and it goes through.
        response = client.post(item_url(answer), item_post(answer, version=answer.version, evidence="My words"))
        assert response.status_code == 302
        answer.refresh_from_db()
        assert answer.evidence == "My words"

    @pytest.mark.parametrize("next_id", ["not-a-number", "12abc", "-1", "99999999999999999999999", "1.5"])
    def test_a_broken_next_item_goes_back_to_the_cycle_with_the_save_kept(self, client, admin, draft, next_id):
        client.force_login(admin.user)
        answer = first_answer(draft)
        response = client.post(item_url(answer), item_post(answer, evidence="Kept", next="1", next_id=next_id))
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "assessments:assessment", kwargs=org_kwargs(admin.organisation) | {"assessment_id": draft.pk}
        )
        answer.refresh_from_db()
        assert answer.evidence == "Kept"

    def test_save_and_go_to_the_next_item_goes_there(self, client, admin, draft):
        client.force_login(admin.user)
        answer, following = list(draft.items.with_framework())[:2]
        response = client.post(item_url(answer), item_post(answer, next="1", next_id=str(following.pk)))
        assert response["Location"] == item_url(following)

    def test_autosave_answers_in_json_and_reports_a_conflict(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        response = client.post(item_url(answer), item_post(answer), headers={"X-Requested-With": "fetch"})
        assert response.json()["saved"] is True
        assert response.json()["version"] == 2
        stale = client.post(item_url(answer), item_post(answer, version=1), headers={"X-Requested-With": "fetch"})
        assert stale.status_code == 409
        assert stale.json()["saved"] is False

    def test_a_session_that_ended_keeps_what_was_typed_until_sign_in(self, client, admin, draft):
        answer = first_answer(draft)
        response = client.post(item_url(answer), item_post(answer, evidence="Typed before the session ended"))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
        client.force_login(admin.user)
        response = client.get(item_url(answer))
        assert "Typed before the session ended" in response.text
        answer.refresh_from_db()
        assert answer.evidence == ""

    def test_new_cycle_starts_from_the_last_and_shows_the_change(self, client, admin, signed_up, draft):
        for answer in draft.items.all():
            services.save_item(answer, {"rating": 2}, expected_version=answer.version, by=admin.user)
        services.add_action(first_answer(draft), what="Train managers", who="Ana", due=None, by=admin.user)
        services.submit_assessment(draft, by=admin.user)
        second = services.start_assessment(signed_up, by=admin.user)
        assert list(second.items.values_list("rating", flat=True)) == [2, 2, 2]
        assert first_answer(second).actions.get().what == "Train managers"
        answer = first_answer(second)
        services.save_item(answer, {"rating": 4}, expected_version=answer.version, by=admin.user)
        client.force_login(admin.user)
        page = client.get(
            reverse("assessments:assessment", kwargs=org_kwargs(admin.organisation) | {"assessment_id": second.pk})
        )
        assert "Last time: 2" in page.text
        assert "up 2" in page.text

    def test_starting_a_cycle_that_someone_else_just_started_names_their_draft(self, signed_up, admin, draft):
        colleague = OrganisationMemberFactory(organisation=admin.organisation, member=True)
        with pytest.raises(services.CycleInProgress) as in_progress:
            services.start_assessment(signed_up, by=colleague.user)
        assert in_progress.value.draft == draft
        assert signed_up.assessments.count() == 1


class TestEvidenceFiles:
    def upload(self, client, answer, name, content):
        return client.post(item_url(answer), item_post(answer, evidence_file=SimpleUploadedFile(name, content)))

    def test_a_pdf_is_kept_under_a_random_name_and_downloads_as_an_attachment(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        response = self.upload(client, answer, "our policy.pdf", b"%PDF-1.4 a small file")
        assert response.status_code == 302
        evidence = EvidenceFile.objects.get()
        assert "our policy" not in evidence.file.name
        assert evidence.content_type == "application/pdf"
        download = client.get(
            reverse(
                "assessments:download_evidence",
                kwargs={"partnership_slug": admin.organisation.partnership.slug, "file_id": evidence.pk},
            )
        )
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment")
        assert read_download(download) == b"%PDF-1.4 a small file"
        assert AuditEvent.objects.filter(action="evidence.downloaded", actor=admin.user).exists()

    @pytest.mark.parametrize(
        ("name", "content", "sent_as", "content_type"),
        [
            ("x.jpg.html", b"<html><script>alert(1)</script></html>", "x-jpg.txt", "text/plain"),
            ("our plan.pdf", b"%PDF-1.4 the plan", "our plan.pdf", "application/pdf"),
            ("plan", b"%PDF-1.4 the plan", "plan.pdf", "application/pdf"),
            ("scan.pdf", b"\x89PNG\r\n\x1a\n an image", "scan.png", "image/png"),
            ("Photo.JPEG", b"\xff\xd8\xff an image", "Photo.jpeg", "image/jpeg"),
            ("figures.csv", b"year,people\n2026,12\n", "figures.csv", "text/plain"),
            ("notes.txt.exe", b"Our notes", "notes-txt.txt", "text/plain"),
        ],
    )
    def test_a_download_is_named_for_what_is_inside_it(
        self, client, admin, draft, name, content, sent_as, content_type
    ):
        client.force_login(admin.user)
        self.upload(client, first_answer(draft), name, content)
        evidence = EvidenceFile.objects.get()
        assert evidence.original_name == name
        assert evidence.file.name.endswith(PurePosixPath(sent_as).suffix.lower())
        download = client.get(
            reverse(
                "assessments:download_evidence",
                kwargs={"partnership_slug": admin.organisation.partnership.slug, "file_id": evidence.pk},
            )
        )
        assert download["Content-Disposition"] == f'attachment; filename="{sent_as}"'
        assert download["Content-Type"].split(";")[0] == content_type
        assert download["X-Content-Type-Options"] == "nosniff"
        assert read_download(download) == content

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("policy.pdf", b"MZ\x90\x00 this is a program"),
            ("photo.png", b"\x00\x01\x02 not an image"),
            ("empty.txt", b""),
        ],
    )
    def test_a_file_is_judged_by_its_content_not_its_name(self, client, admin, draft, name, content):
        client.force_login(admin.user)
        answer = first_answer(draft)
        response = self.upload(client, answer, name, content)
        assert response.status_code == 200
        assert "There is a problem" in response.text
        assert not EvidenceFile.objects.exists()

    def test_a_zip_that_is_not_a_document_is_refused(self, client, admin, draft):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("payload.exe", b"x" * 100)
        client.force_login(admin.user)
        response = self.upload(client, first_answer(draft), "report.docx", buffer.getvalue())
        assert "must be a PDF, Word" in response.text

    def test_a_huge_file_is_refused(self, client, admin, draft, settings):
        settings.EVIDENCE_MAX_BYTES = 1024
        client.force_login(admin.user)
        response = self.upload(client, first_answer(draft), "big.txt", b"a" * 2048)
        assert "must be smaller than" in response.text

    def test_another_organisation_cannot_download_a_draft_file(self, client, admin, draft):
        answer = first_answer(draft)
        evidence = services.add_evidence_file(
            answer, SimpleUploadedFile("a.txt", b"private words"), content_type="text/plain", by=admin.user
        )
        url = reverse(
            "assessments:download_evidence",
            kwargs={"partnership_slug": admin.organisation.partnership.slug, "file_id": evidence.pk},
        )
        outsider = OrganisationMemberFactory(organisation__partnership=admin.organisation.partnership)
        client.force_login(outsider.user)
        assert client.get(url).status_code == 404
        coordinator = PartnershipMemberFactory(partnership=admin.organisation.partnership)
        client.force_login(coordinator.user)
        assert client.get(url).status_code == 404, "coordinators never see drafts"


class TestSubmitting:
    def test_submitting_needs_every_rating_and_names_the_missing_items(self, client, admin, draft):
        client.force_login(admin.user)
        url = reverse("assessments:submit", kwargs=org_kwargs(admin.organisation) | {"assessment_id": draft.pk})
        response = client.post(url)
        assert response.status_code == 400
        assert "Checklist point 1" in response.text
        draft.refresh_from_db()
        assert draft.status == AssessmentStatus.DRAFT

    def test_a_submitted_cycle_is_locked(self, client, admin, draft):
        for answer in draft.items.all():
            services.save_item(answer, {"rating": 3}, expected_version=answer.version, by=admin.user)
        client.force_login(admin.user)
        url = reverse("assessments:submit", kwargs=org_kwargs(admin.organisation) | {"assessment_id": draft.pk})
        assert client.post(url).status_code == 302
        draft.refresh_from_db()
        assert draft.status == AssessmentStatus.SUBMITTED
        answer = first_answer(draft)
        response = client.post(item_url(answer), item_post(answer, rating="1"))
        assert response.status_code == 302
        answer.refresh_from_db()
        assert answer.rating == 3
        with pytest.raises(services.AssessmentLocked):
            services.save_item(answer, {"rating": 1}, expected_version=answer.version, by=admin.user)


class TestWhoSeesWhat:
    def test_signed_out_visitors_are_sent_to_sign_in(self, client, draft):
        url = reverse("assessments:assessment", kwargs=org_kwargs(draft.organisation) | {"assessment_id": draft.pk})
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    @pytest.mark.parametrize("page", ["assessment", "submit"])
    def test_another_organisation_cannot_see_a_draft(self, client, draft, page):
        outsider = OrganisationMemberFactory(organisation__partnership=draft.organisation.partnership)
        client.force_login(outsider.user)
        url = reverse(f"assessments:{page}", kwargs=org_kwargs(draft.organisation) | {"assessment_id": draft.pk})
        assert client.get(url).status_code == 404
        own = reverse(f"assessments:{page}", kwargs=org_kwargs(outsider.organisation) | {"assessment_id": draft.pk})
        assert client.get(own).status_code == 404

    def test_another_organisation_cannot_edit_an_item_or_its_actions(self, client, draft, admin):
        answer = first_answer(draft)
        action = services.add_action(answer, what="Private plan", who="Ana", due=None, by=admin.user)
        outsider = OrganisationMemberFactory(organisation__partnership=draft.organisation.partnership)
        client.force_login(outsider.user)
        assert client.post(item_url(answer), item_post(answer)).status_code == 404
        change = reverse(
            "assessments:change_action",
            kwargs=org_kwargs(draft.organisation) | {"assessment_id": draft.pk, "action_id": action.pk},
        )
        assert client.get(change).status_code == 404
        answer.refresh_from_db()
        assert answer.version == 1

    def test_the_database_keeps_ratings_within_the_scale(self, draft):
        with pytest.raises(IntegrityError):
            AssessmentItem.objects.filter(pk=first_answer(draft).pk).update(rating=6)


class TestActions:
    def test_adding_an_action_with_a_bad_date_keeps_what_was_typed(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        url = reverse(
            "assessments:add_action",
            kwargs=org_kwargs(admin.organisation) | {"assessment_id": draft.pk, "item_id": answer.pk},
        )
        response = client.post(
            url, {"what": "Run a taster day", "who": "Sam", "due_0": "31", "due_1": "2", "due_2": "2027"}
        )
        assert response.status_code == 200
        assert "Enter a real date" in response.text
        assert "Run a taster day" in response.text

    def test_an_action_sent_twice_is_added_once(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        url = reverse(
            "assessments:add_action",
            kwargs=org_kwargs(admin.organisation) | {"assessment_id": draft.pk, "item_id": answer.pk},
        )
        sent = {"form_token": form_token(client.get(item_url(answer)).text), "what": "Run a taster day", "who": "Sam"}
        first = client.post(url, sent)
        again = client.post(url, sent)
        assert answer.actions.count() == 1
        assert again.status_code == first.status_code == 302
        assert again["Location"] == first["Location"]
        # A new copy of the form is a new action.
        client.post(url, sent | {"form_token": form_token(client.get(item_url(answer)).text)})
        assert answer.actions.count() == 2

    def test_an_action_is_added_and_its_status_changed(self, client, admin, draft):
        client.force_login(admin.user)
        answer = first_answer(draft)
        url = reverse(
            "assessments:add_action",
            kwargs=org_kwargs(admin.organisation) | {"assessment_id": draft.pk, "item_id": answer.pk},
        )
        client.post(url, {"what": "Run a taster day", "who": "Sam", "due_0": "3", "due_1": "2", "due_2": "2027"})
        action = answer.actions.get()
        assert str(action.due) == "2027-02-03"
        change = reverse(
            "assessments:change_action",
            kwargs=org_kwargs(admin.organisation) | {"assessment_id": draft.pk, "action_id": action.pk},
        )
        client.post(change, {"status": "done"})
        action.refresh_from_db()
        assert action.status == "done"


class TestProgressAndQueries:
    def submit_cycle(self, signed_up, admin, rating):
        cycle = services.start_assessment(signed_up, by=admin.user)
        for answer in cycle.items.all():
            services.save_item(answer, {"rating": rating}, expected_version=answer.version, by=admin.user)
        return services.submit_assessment(cycle, by=admin.user)

    def test_progress_shows_each_rating_in_a_chart_and_a_table(self, client, admin, signed_up):
        self.submit_cycle(signed_up, admin, 2)
        self.submit_cycle(signed_up, admin, 4)
        client.force_login(admin.user)
        response = client.get(
            reverse("assessments:progress", kwargs=org_kwargs(admin.organisation) | {"sign_up_id": signed_up.pk})
        )
        assert response.status_code == 200
        chart = response.text.split('<figure class="included-chart"')[1].split("</figure>")[0]
        assert "Cycle 1: 2; Cycle 2: 4." in chart
        assert '<rect x="170" y="42" width="184.0"' in chart  # 4 of the scale's 5, on a track 230 long
        assert ">4</text>" in chart
        assert "up 2" in response.text

    def test_the_assessment_page_query_count_does_not_grow_with_items(self, client):
        counts = []
        for items in (3, 11):
            admin = OrganisationMemberFactory()
            record = services.sign_up(
                admin.organisation,
                FrameworkVersionFactory(items=items),
                lead_name="A",
                lead_role="",
                statement="S",
                by=admin.user,
            )
            cycle = services.start_assessment(record, by=admin.user)
            for answer in cycle.items.all():
                services.add_action(answer, what="Do", who="Me", due=None, by=admin.user)
            client.force_login(admin.user)
            url = reverse("assessments:assessment", kwargs=org_kwargs(admin.organisation) | {"assessment_id": cycle.pk})
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]
        assert counts[0] <= 20


def test_a_person_in_two_organisations_works_in_each_separately(client):
    person = UserFactory()
    first = OrganisationMemberFactory(user=person)
    second = OrganisationMemberFactory(
        user=person, organisation=OrganisationFactory(partnership=first.organisation.partnership)
    )
    client.force_login(person)
    assert client.get(reverse("www:organisation_home", kwargs=org_kwargs(first.organisation))).status_code == 200
    assert client.get(reverse("www:organisation_home", kwargs=org_kwargs(second.organisation))).status_code == 200


class TestWordAdvice:
    def test_the_statement_and_the_evidence_get_advice_that_never_blocks(self, client, admin, version, draft):
        FrameworkVersionFactory(items=1)
        client.force_login(admin.user)
        sign_up_page = client.get(reverse("assessments:sign_up", kwargs=org_kwargs(admin.organisation)))
        assert "How easy your words are to read" in sign_up_page.text
        answer = first_answer(draft)
        services.save_item(
            answer, {"evidence": "We utilise stakeholders going forward."}, expected_version=1, by=admin.user
        )
        page = client.get(item_url(answer))
        assert "How easy your words are to read" in page.text
        assert "This is advice. You can still save and publish." in page.text
        assert "utilise" in page.text
        response = client.post(item_url(answer), item_post(answer, version=2, evidence="We utilise it."))
        assert response.status_code == 302

    def test_the_statement_page_shows_advice(self, client, admin, signed_up):
        client.force_login(admin.user)
        url = reverse(
            "assessments:edit_statement", kwargs=org_kwargs(admin.organisation) | {"sign_up_id": signed_up.pk}
        )
        page = client.get(url)
        assert "How easy your words are to read" in page.text


def test_a_blank_rating_and_target_save_as_not_rated(client, admin, draft):
    client.force_login(admin.user)
    answer = first_answer(draft)
    response = client.post(item_url(answer), item_post(answer, rating="", target=""))
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.rating, answer.target, answer.version) == (None, None, 2)


def test_the_organisations_home_says_when_a_cycle_was_sent_in_without_repeating_itself(client, admin, draft):
    rate_every_item(draft, by=admin.user)
    services.submit_assessment(draft, by=admin.user)
    client.force_login(admin.user)

    page = client.get(reverse("www:organisation_home", kwargs=org_kwargs(admin.organisation))).text

    assert "Cycle 1</a> – submitted on " in page
    assert "Submitted, submitted" not in page
