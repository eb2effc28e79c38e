"""The visitor's address is read in one place: REMOTE_ADDR, or behind our proxies the entry our outermost proxy
wrote into X-Forwarded-For, never one the visitor wrote."""

import pytest
from django.test import RequestFactory

from included.core.addresses import client_address, rate_limit_address


def request_from(remote="10.0.0.2", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_with_no_trusted_proxy_x_forwarded_for_is_ignored(settings):
    settings.INCLUDED_TRUSTED_PROXIES = 0
    assert client_address(request_from("198.51.100.7", forwarded="192.0.2.1")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        # The browser wrote the first entries; the proxy added the last. Only the proxy's entry counts.
        (1, "192.0.2.1, 192.0.2.2, 198.51.100.7", "198.51.100.7"),
        (1, "not an address, 198.51.100.7", "198.51.100.7"),
        # A CDN in front of the TLS proxy: the CDN added the visitor, the TLS proxy added the CDN.
        (2, "192.0.2.1, 198.51.100.7, 203.0.113.50", "198.51.100.7"),
        # The visitor went round the CDN straight to the TLS proxy: its one entry is still ours.
        (2, "198.51.100.7", "198.51.100.7"),
        (1, "198.51.100.7:51234", "198.51.100.7"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_trusted_proxies_the_entry_our_proxy_wrote_is_used(settings, proxies, forwarded, address):
    settings.INCLUDED_TRUSTED_PROXIES = proxies
    assert client_address(request_from(forwarded=forwarded)) == address


@pytest.mark.parametrize("forwarded", [None, "", " , ", "unknown"])
def test_behind_a_proxy_a_missing_or_broken_entry_falls_back_to_remote_addr(settings, forwarded):
    settings.INCLUDED_TRUSTED_PROXIES = 1
    assert client_address(request_from("10.0.0.2", forwarded=forwarded)) == "10.0.0.2"


def test_rate_limits_count_an_ipv6_visitor_by_their_network(settings):
    settings.INCLUDED_TRUSTED_PROXIES = 1
    assert rate_limit_address(request_from(forwarded="2001:db8:1:2:aaaa::1")) == "2001:db8:1:2::"
    assert rate_limit_address(request_from(forwarded="2001:db8:1:2:bbbb::9")) == "2001:db8:1:2::"
    assert rate_limit_address(request_from(forwarded="198.51.100.7")) == "198.51.100.7"
