"""What Included tells people about passwords and signing in, written from the settings that enforce it.

The shortest password is set in AUTH_PASSWORD_VALIDATORS, the pause after too many wrong passwords in
ACCOUNT_RATE_LIMITS ("login_failed"), and how long a reset link works in PASSWORD_RESET_TIMEOUT. Hints, messages
and emails take their numbers from here, so changing a setting changes the words too.

The texts are lazy: they are written when they are shown, so they follow the settings in force at that moment.
"""

from allauth.account import app_settings as account_settings
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.contrib.auth.password_validation import MinimumLengthValidator, get_default_password_validators
from django.utils.functional import lazy

from included.core.text import duration_in_words


def shortest_password():
    """The fewest characters a password may have, or None if any length will do."""
    lengths = [
        validator.min_length
        for validator in get_default_password_validators()
        if isinstance(validator, MinimumLengthValidator)
    ]
    return max(lengths, default=None)


def sign_in_pause():
    """How long, in seconds, someone waits after too many wrong passwords, or None if there is no pause."""
    rates = parse_rates(account_settings.RATE_LIMITS.get("login_failed"))
    return max((rate.duration for rate in rates), default=None)


def reset_link_lasts():
    """How long a link to reset a password works, in words: "3 days"."""
    return duration_in_words(settings.PASSWORD_RESET_TIMEOUT)


def _password_hint():
    length = shortest_password()
    return (
        (f"Use {length} characters or more. " if length else "")
        + "Three random words together make a strong password that is easy to remember. "
        "You do not need numbers or symbols. Do not use a password lots of people use, like password123."
    )


def _password_too_short():
    return f"Your password must be {shortest_password()} characters or more"


def _too_many_sign_ins():
    pause = sign_in_pause()
    wait = f"Wait {duration_in_words(pause)}" if pause else "Wait a few minutes"
    return (
        f"You have tried to sign in too many times. {wait}, then try again. "
        "If you have forgotten your password, you can reset it"
    )


# Advice shown under a new password, not a password.
password_hint = lazy(_password_hint, str)()
password_too_short = lazy(_password_too_short, str)()
too_many_sign_ins = lazy(_too_many_sign_ins, str)()
