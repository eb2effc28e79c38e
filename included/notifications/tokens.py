"""The signed "stop these emails" links: one for each kind of email and each person, or address.

A link works without signing in, so it carries who it is for, signed with the site's secret and salted with the
kind: nobody can make one for someone else, or turn a link for one kind into a link for another. It stops working
after settings.UNSUBSCRIBE_LINK_DAYS.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from .enums import WEEKLY_EMAIL, Kind

STOPPABLE = {*Kind.values, WEEKLY_EMAIL}


class BadLink(Exception):
    """The link was changed, made up, or is for something else."""


class OldLink(BadLink):
    """The link was real, but it is too old."""


def _signer(kind):
    return signing.TimestampSigner(salt=f"included.notifications.stop.{kind}")


def make_token(kind, recipient):
    who = f"u{recipient.user.pk}" if recipient.user is not None else f"e{recipient.email.strip().lower()}"
    return _signer(kind).sign_object(who, compress=True)


def stop_url(kind, recipient):
    return settings.SITE_URL + reverse(
        "notifications:stop", kwargs={"kind": kind, "token": make_token(kind, recipient)}
    )


def read_token(kind, token):
    """(person, address) the link is for: a person with an account, or an address with none. Raises BadLink."""
    if kind not in STOPPABLE:
        raise BadLink("There is no such kind of email.")
    try:
        who = _signer(kind).unsign_object(token, max_age=datetime.timedelta(days=settings.UNSUBSCRIBE_LINK_DAYS))
    except signing.SignatureExpired as error:
        raise OldLink("The link is too old.") from error
    except (signing.BadSignature, ValueError, UnicodeDecodeError) as error:
        raise BadLink("The link is not right.") from error
    if not isinstance(who, str) or len(who) < 2:
        raise BadLink("The link is not right.")
    if who[0] == "u":
        person = get_user_model().objects.filter(pk=who[1:] if who[1:].isdigit() else None, is_active=True).first()
        if person is None:
            raise BadLink("The account is gone.")
        return person, person.email
    if who[0] == "e" and kind != WEEKLY_EMAIL:
        return None, who[1:]
    raise BadLink("The link is not right.")
