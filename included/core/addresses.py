"""Where a request comes from: the one place Included reads a visitor's address.

Behind a proxy, REMOTE_ADDR is the proxy's address, the same for everyone. Each proxy adds the address it was
reached from to the end of X-Forwarded-For, so with `INCLUDED_TRUSTED_PROXIES=n` the visitor's address is the n-th
entry from the end: the one the outermost of our own proxies wrote. Entries further left came from the visitor and
could say anything, so they are never read. With 0 (the default), X-Forwarded-For is ignored and REMOTE_ADDR is
used. Sign-in limits (allauth, through AccountAdapter.get_client_ip) and every other rate limit read it from here.
"""

import ipaddress

from django.conf import settings

# An IPv6 visitor is usually given a whole /64 network, so rate limits count the network, as allauth does.
IPV6_NETWORK_PREFIX = 64


def trusted_proxies():
    """How many proxies of our own stand in front of Included (INCLUDED_TRUSTED_PROXIES)."""
    return getattr(settings, "INCLUDED_TRUSTED_PROXIES", 0)


def client_address(request):
    """The visitor's IP address, as a string; "" if there is none to read."""
    remote = _clean(request.META.get("REMOTE_ADDR", ""))
    count = trusted_proxies()
    if count <= 0:
        return remote or ""
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if not forwarded:
        # The request did not pass through our proxy (a health check on the server itself, say).
        return remote or ""
    # Fewer entries than proxies: the visitor reached an inner proxy directly, and every entry is one of ours.
    written_by_our_proxy = forwarded[-count] if len(forwarded) >= count else forwarded[0]
    return _clean(written_by_our_proxy) or remote or ""


def rate_limit_address(request):
    """The address rate limits count: the visitor's address, or its /64 network for IPv6."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.IPv6Network(f"{parsed}/{IPV6_NETWORK_PREFIX}", strict=False).network_address)
    return address


def _clean(value):
    """A valid IP address from a header entry, without any port ("203.0.113.9:4711", "[2001:db8::1]:443"), or
    None."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
