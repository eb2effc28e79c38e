from tests.factories import UserFactory


def make_host(**kwargs):
    """A site administrator: a superuser who uses two-step verification, as the site asks."""
    return UserFactory(is_superuser=True, is_staff=True, with_two_step=True, **kwargs)
