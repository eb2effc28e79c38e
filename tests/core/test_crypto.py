"""Field encryption: values are never stored as they were typed, any listed key decrypts, the newest encrypts."""

import pytest
from cryptography.fernet import Fernet

from included.core.crypto import CannotDecrypt, decrypt_text, encrypt_text, rotate_text


def test_text_comes_back_as_it_went_in_and_is_never_stored_plainly():
    token = encrypt_text("I feel calmer on Tuesdays ✓")
    assert "calmer" not in token
    assert decrypt_text(token) == "I feel calmer on Tuesdays ✓"
    assert encrypt_text("same") != encrypt_text("same")


def test_nothing_written_stays_empty():
    assert encrypt_text("") == ""
    assert encrypt_text(None) == ""
    assert decrypt_text("") == ""


def test_an_old_key_still_decrypts_and_rotation_moves_to_the_new_one(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    token = encrypt_text("private words")
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    assert decrypt_text(token) == "private words"
    rotated = rotate_text(token)
    settings.FIELD_ENCRYPTION_KEYS = [new]
    assert decrypt_text(rotated) == "private words"
    with pytest.raises(CannotDecrypt) as error:
        decrypt_text(token)
    assert "private" not in str(error.value)


def test_a_key_that_is_not_a_fernet_key_is_a_check_error(settings):
    from included.core.checks import check_field_keys

    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), "not-a-key"]
    errors = check_field_keys(None)
    assert [error.msg for error in errors] == ["Key 2 in INCLUDED_FIELD_KEYS is not a Fernet key."]
