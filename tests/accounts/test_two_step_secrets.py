"""The secrets behind people's authenticator apps and recovery codes are kept encrypted in the database.

Someone who reads a copy of the database (a backup, a leaked dump) must not be able to make the codes. The keys
come from INCLUDED_TOTP_KEYS, newest first, so a key can be changed without anyone setting their app up again.
"""

import importlib

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from tests.accounts.helpers import sign_in
from tests.factories import TOTP_SECRET, UserFactory
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
MIGRATION = "included.accounts.migrations.0002_encrypt_two_step_secrets"


def stored(user, kind):
    return Authenticator.objects.get(user=user, type=kind).data


def test_an_authenticator_secret_is_not_stored_as_it_is(settings):
    settings.TOTP_ENCRYPTION_KEYS = [OLD_KEY]
    person = UserFactory(with_two_step=True)
    secret = stored(person, Authenticator.Type.TOTP)["secret"]
    assert TOTP_SECRET not in secret
    assert Fernet(OLD_KEY).decrypt(secret.encode()).decode() == TOTP_SECRET


def test_a_recovery_code_seed_is_not_stored_as_it_is(settings):
    settings.TOTP_ENCRYPTION_KEYS = [OLD_KEY]
    person = UserFactory(with_two_step=True)
    codes = RecoveryCodes.activate(person)
    seed = stored(person, Authenticator.Type.RECOVERY_CODES)["seed"]
    assert len(Fernet(OLD_KEY).decrypt(seed.encode())) == 80
    assert codes.validate_code(codes.get_unused_codes()[0])


def test_people_sign_in_with_their_code_while_the_keys_are_changed(client, settings):
    settings.TOTP_ENCRYPTION_KEYS = [OLD_KEY]
    person = UserFactory(with_two_step=True)
    settings.TOTP_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert sign_in(client, person).url == reverse("www:home")

    call_command("rotate_two_step_keys", verbosity=0)
    secret = stored(person, Authenticator.Type.TOTP)["secret"]
    assert Fernet(NEW_KEY).decrypt(secret.encode()).decode() == TOTP_SECRET

    settings.TOTP_ENCRYPTION_KEYS = [NEW_KEY]
    client.logout()
    cache.clear()  # allauth refuses a code used once; this stands for waiting for the app's next code.
    assert sign_in(client, person).url == reverse("www:home")


def test_a_secret_cannot_be_read_without_its_key(settings):
    settings.TOTP_ENCRYPTION_KEYS = [OLD_KEY]
    person = UserFactory(with_two_step=True)
    settings.TOTP_ENCRYPTION_KEYS = [NEW_KEY]
    authenticator = Authenticator.objects.get(user=person, type=Authenticator.Type.TOTP)
    with pytest.raises(InvalidToken):
        authenticator.wrap().validate_code(totp_code())


def test_the_migration_encrypts_secrets_stored_before_and_can_undo_it(settings):
    migration = importlib.import_module(MIGRATION)
    settings.TOTP_ENCRYPTION_KEYS = [OLD_KEY]
    person = UserFactory()
    totp = Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET})
    seed = "ab" * 40
    codes = Authenticator.objects.create(
        user=person, type=Authenticator.Type.RECOVERY_CODES, data={"seed": seed, "used_mask": 0}
    )

    migration.encrypt_secrets(apps, None)
    migration.encrypt_secrets(apps, None)
    totp.refresh_from_db()
    codes.refresh_from_db()
    assert Fernet(OLD_KEY).decrypt(totp.data["secret"].encode()).decode() == TOTP_SECRET
    assert Fernet(OLD_KEY).decrypt(codes.data["seed"].encode()).decode() == seed
    assert codes.data["used_mask"] == 0
    assert totp.wrap().validate_code(totp_code())

    migration.decrypt_secrets(apps, None)
    totp.refresh_from_db()
    codes.refresh_from_db()
    assert totp.data == {"secret": TOTP_SECRET}
    assert codes.data == {"seed": seed, "used_mask": 0}


def test_a_key_that_is_not_a_fernet_key_is_refused_at_start(settings):
    from included.accounts.checks import check_two_step_keys

    settings.TOTP_ENCRYPTION_KEYS = [NEW_KEY, "not-a-key"]
    errors = check_two_step_keys(None)
    assert [error.id for error in errors] == ["accounts.E001"]
    assert "INCLUDED_TOTP_KEYS" in errors[0].msg
    settings.TOTP_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert check_two_step_keys(None) == []
