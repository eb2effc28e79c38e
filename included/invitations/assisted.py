"""Assisted sign-up: someone at an organisation helps a person start an account, and the person claims it.

A support worker (an admin or member of the organisation) types the person's name, and an email address if they
have one. Included makes a short claim code to print: three groups of four letters from an alphabet with no
look-alike letters (no I, L, O or U), so it is easy to read aloud and type. Only a keyed hash of it is kept (a copy
of the database alone is no help in guessing it), it works once, until the invitation expires
(settings.INVITATION_DAYS), and the claim page counts every try (core.throttle). If an address was given, the
usual invitation email goes too, and its link works as well as the code. While nobody has used it, the helper (or
an admin) can make a new code when the paper is lost or the code ran out; the old code and link stop working.

The person types the code on the public claim page (/claim/), then makes their own sign-in on the usual "Create
your account" page. The address they give is checked with allauth's emailed code, as in open sign-up: a paper code
proves who holds the paper, not who reads the mailbox. The account is made by the person, so it is theirs alone:
the helper never held it, and gets no role, no access and no view of it. What is kept is the help: who helped,
when, and from which organisation (the invitation row), shown to the person on their own place.

A claim that fails says one plain thing, whether the code was wrong, used, cancelled or expired, so trying codes
teaches nobody anything.
"""

import secrets
import time

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from included.access.rules import can_cancel_assisted_sign_up, can_help_sign_up, require
from included.core import audit, throttle
from included.core.receipts import create_once

from .enums import InvitationKind
from .models import Invitation
from .services import InvitationError, _count_towards_hourly_limit, _send

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_SIZE = 3, 4
CODE_LENGTH = GROUPS * GROUP_SIZE
# Tries at the claim page, per person (by address when signed out) per hour. 22 letters to the power of 12 is about
# 10 million billion codes, so this many tries an hour finds none.
CLAIM_TRIES_AN_HOUR = 10
SESSION_CLAIM = "assisted_claim"
SESSION_CODES = "assisted_codes"
# A typed code is held in the browser's session this long: on a shared computer, someone who walks away before
# making their account does not leave it for the next person to make.
HOLD_CLAIM_SECONDS = 30 * 60

NOT_RIGHT = (
    "This code does not work. Check you typed it as it is printed. If it still does not work, ask the person who "
    "helped you for a new one"
)
TOO_MANY = "You have tried too many codes. Wait an hour, then try again"


class ClaimError(Exception):
    """The code cannot be used. The message is the same whatever the reason, and written for the person."""


def new_claim_code():
    letters = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(letters[start : start + GROUP_SIZE] for start in range(0, CODE_LENGTH, GROUP_SIZE))


def normalise(code):
    """The code's letters, in capitals, without spaces or dashes; "" if that is not a code's length."""
    letters = "".join(character for character in str(code or "")[:100].upper() if "A" <= character <= "Z")
    return letters if len(letters) == CODE_LENGTH else ""


def hash_claim_code(code):
    return salted_hmac("included.invitations.claim_code", normalise(code), algorithm="sha256").hexdigest()


def _new_code_and_link():
    """(a new code to print, a new token for the emailed link, what the invitation keeps of them: their hashes and
    how long they work)."""
    code, token = new_claim_code(), Invitation.new_token()
    kept = {
        "claim_code_hash": hash_claim_code(code),
        "token_hash": Invitation.hash_token_value(token),
        "expires_at": Invitation.default_expiry(),
    }
    return code, token, kept


def start_assisted_sign_up(organisation, *, name, by, email="", base_url="", form_token=""):
    """Start an account for someone the organisation supports. Returns the invitation; when it is new, its
    `claim_code` holds the code to print (shown once: only its hash is kept). The same form sent twice makes one."""
    require(can_help_sign_up(by, organisation), "You cannot start an account for someone here.")
    name, email = (name or "").strip(), (email or "").strip().lower()
    if not name:
        raise InvitationError("Enter their name")
    _count_towards_hourly_limit(by)
    code, token, kept = _new_code_and_link()

    def create():
        invitation = Invitation.objects.create(
            partnership=organisation.partnership,
            organisation=organisation,
            email=email,
            name=name,
            kind=InvitationKind.PERSON,
            assisted=True,
            invited_by=by,
            **kept,
        )
        audit.record(
            "invitation.assisted_started",
            actor=by,
            obj=invitation,
            partnership=organisation.partnership,
            summary="Helped someone start an account",
        )
        if email:
            _send(invitation, token, base_url)
        invitation.claim_code = code
        return invitation

    with transaction.atomic():
        return create_once(form_token, f"invitations.assisted:{organisation.pk}:{by.pk}", Invitation, create)


def cancel_assisted_sign_up(invitation, *, by):
    """Stop a code (and its emailed link) from working. A claimed account is the person's: it cannot be taken back."""
    require(can_cancel_assisted_sign_up(by, invitation), "Only the person who helped, or an admin, can cancel this.")
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk, assisted=True)
        if locked.accepted_at:
            raise InvitationError("The person has already made their account. It is theirs now.")
        if locked.withdrawn_at:
            return locked
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at", "updated_at"])
        audit.record(
            "invitation.assisted_cancelled",
            actor=by,
            obj=locked,
            partnership=locked.partnership,
            summary="Cancelled a code",
        )
    return locked


def new_code_for(invitation, *, by, base_url=""):
    """A new code for someone who has not made their account yet: the paper was lost, or the code ran out. The old
    code, and any link emailed with it, stop working at once; the new one works for the usual time, and is shown
    once, like the first. A cancelled code stays cancelled: the helper starts again instead."""
    require(
        can_cancel_assisted_sign_up(by, invitation), "Only the person who helped, or an admin, can make a new code."
    )
    _count_towards_hourly_limit(by)
    code, token, kept = _new_code_and_link()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk, assisted=True)
        if locked.accepted_at:
            raise InvitationError("The person has already made their account. It is theirs now.")
        if locked.withdrawn_at:
            raise InvitationError("This code was cancelled. Start a new account for them instead.")
        for field, value in kept.items():
            setattr(locked, field, value)
        locked.save(update_fields=[*kept, "updated_at"])
        audit.record(
            "invitation.assisted_new_code",
            actor=by,
            obj=locked,
            partnership=locked.partnership,
            summary="Made a new code; the old one stopped working",
        )
        if locked.email:
            _send(locked, token, base_url)
    locked.claim_code = code
    return locked


def _usable_claim(code):
    letters = normalise(code)
    if not letters:
        return None
    invitation = (
        Invitation.objects.filter(assisted=True, claim_code_hash=hash_claim_code(letters))
        .select_related("organisation", "invited_by")
        .first()
    )
    return invitation if invitation is not None and invitation.is_usable else None


def hold_claim(request, code):
    """Check a typed code, counting the try, and keep it for the account the person makes next."""
    if not throttle.allow(request, "claim-code", limit=CLAIM_TRIES_AN_HOUR, window_seconds=60 * 60):
        raise ClaimError(TOO_MANY)
    invitation = _usable_claim(code)
    if invitation is None:
        raise ClaimError(NOT_RIGHT)
    # Which code was typed, too: if the helper makes a new code meanwhile, the old one must not finish the claim.
    request.session[SESSION_CLAIM] = {"id": invitation.pk, "code": invitation.claim_code_hash, "at": int(time.time())}
    return invitation


def _held(request, *, forget=False):
    """(the id of the assisted sign-up whose code this visitor typed in the last HOLD_CLAIM_SECONDS, the hash of
    that code), or None."""
    if request is None:
        return None
    held = request.session.pop(SESSION_CLAIM, None) if forget else request.session.get(SESSION_CLAIM)
    if not isinstance(held, dict) or not isinstance(held.get("id"), int) or not isinstance(held.get("at"), int):
        return None
    if not isinstance(held.get("code"), str) or time.time() - held["at"] > HOLD_CLAIM_SECONDS:
        return None
    return held["id"], held["code"]


def held_claim(request):
    """The usable assisted sign-up this visitor typed the code of, if any."""
    held = _held(request)
    if held is None:
        return None
    pk, code_hash = held
    invitation = (
        Invitation.objects.filter(pk=pk, assisted=True, claim_code_hash=code_hash)
        .select_related("organisation", "invited_by")
        .first()
    )
    return invitation if invitation is not None and invitation.is_usable else None


def claim_for_new_account(request, user):
    """The person has just made their account with a code held: record that it is theirs, with who helped.

    Their address is not marked as checked: they type the emailed code for that, like anyone who signs up."""
    held = _held(request, forget=True)
    if held is None:
        return None
    pk, code_hash = held
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().filter(pk=pk, assisted=True, claim_code_hash=code_hash).first()
        if locked is None or not locked.is_usable:
            return None
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
        audit.record(
            "invitation.claimed",
            actor=user,
            obj=locked,
            partnership=locked.partnership,
            summary="Made their own account, started with help",
        )
    return locked


def remember_code(request, invitation):
    """Keep the new code in the helper's session, so the page to print can show it (it is not kept anywhere else)."""
    codes = dict(request.session.get(SESSION_CODES) or {})
    codes[str(invitation.pk)] = invitation.claim_code
    request.session[SESSION_CODES] = codes


def code_to_print(request, invitation):
    """The code, for the helper who made it, while nobody has used or cancelled it; otherwise ""."""
    if not invitation.is_usable:
        return ""
    return (request.session.get(SESSION_CODES) or {}).get(str(invitation.pk), "")


def help_received(person):
    """Who helped the person start their account, if anyone: the assisted sign-up they claimed."""
    return (
        Invitation.objects.filter(accepted_by=person, assisted=True)
        .select_related("invited_by", "organisation")
        .order_by("accepted_at", "pk")
        .first()
    )


def assisted_sign_ups_of(organisation):
    return (
        Invitation.objects.filter(organisation=organisation, assisted=True)
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


def status_words(invitation):
    """How the helper's list names each state, in the words of this page."""
    if invitation.accepted_at:
        return "Account made", "green"
    if invitation.withdrawn_at:
        return "Cancelled", "grey"
    if not invitation.is_usable:
        return "Code ran out", "grey"
    return "Waiting", "blue"
