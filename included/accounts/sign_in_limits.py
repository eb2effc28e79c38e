"""How Included limits wrong passwords without letting a stranger lock a named person out.

allauth counts failed sign-ins ("login_failed" in ACCOUNT_RATE_LIMITS) per address ("ip") and per "key". Its key
is the email address alone, so five wrong passwords from anywhere would stop that person signing in from
everywhere: anyone who knew a coordinator's email address could keep them out. AccountAdapter makes the key the
email address and the visitor's address together (`account_and_address`), so guesses from one place stop that
place, not the person.

Guesses spread over many addresses are still slowed down. Once one account has had more wrong passwords in an hour
than "login_failed_account" allows, from anywhere, each address may only try that account as often as
"login_failed_slowed" allows. An address that has not failed lately, like the person's own, still gets its try,
so they can sign in while the attack goes on. docs/security.md explains the choice.
"""

from allauth.core import ratelimit

from included.core.addresses import rate_limit_address

ACCOUNT_FAILURES = "login_failed_account"
SLOWED = "login_failed_slowed"


def account_and_address(request, account_key):
    """The key allauth counts wrong passwords by: one account, from one address."""
    return f"{account_key}:from:{rate_limit_address(request)}"


def may_try(request, account_key):
    """False if this account is under attack and this address has already had its slowed-down try."""
    if not _under_attack(request, account_key):
        return True
    return ratelimit.consume(request, action=SLOWED, key=account_and_address(request, account_key), dry_run=True)


def count_failure(request, account_key):
    """A wrong password for this account: counted for the account, and for the account from this address."""
    ratelimit.consume(request, action=ACCOUNT_FAILURES, key=account_key)
    ratelimit.consume(request, action=SLOWED, key=account_and_address(request, account_key))


def _under_attack(request, account_key):
    return not ratelimit.consume(request, action=ACCOUNT_FAILURES, key=account_key, dry_run=True)
