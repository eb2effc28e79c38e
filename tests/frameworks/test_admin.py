import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True, is_superuser=True, with_two_step=True)
    client.force_login(user)
    return user


def test_staff_can_look_at_a_published_version_but_not_change_it(client, staff, shipped_frameworks):
    colif = shipped_frameworks["colif"]
    change_url = reverse("admin:frameworks_frameworkversion_change", args=[colif.pk])
    response = client.get(change_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Partnering for Inclusive Employment" in page
    assert 'name="_save"' not in page
    before = colif.credit
    client.post(change_url, {"credit": "Changed"})
    colif.refresh_from_db()
    assert colif.credit == before


@pytest.mark.parametrize("model", ["framework", "frameworkversion", "frameworkitem"])
def test_staff_cannot_add_or_delete_frameworks_in_the_admin(client, staff, shipped_frameworks, model):
    assert client.get(reverse(f"admin:frameworks_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:frameworks_{model}_add")).status_code == 403
    some = shipped_frameworks["emif"]
    pk = {"framework": some.framework.pk, "frameworkversion": some.pk, "frameworkitem": some.items.first().pk}[model]
    assert client.get(reverse(f"admin:frameworks_{model}_delete", args=[pk])).status_code == 403
