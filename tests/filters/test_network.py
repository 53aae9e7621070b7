"""Which addresses the private-network guard refuses."""

from __future__ import annotations

import pytest

from filters.network import check_address


@pytest.mark.parametrize(
    ("address", "detail"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("::ffff:192.168.1.1", "private"),
        ("169.254.169.254", "link_local"),
        ("fe80::1", "link_local"),
        ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not global"),
        ("fd00::1", "private"),
        ("not an address", "unparsable address"),
    ],
)
def test_non_public_addresses_are_refused(address, detail):
    decision = check_address(address)
    assert not decision.allowed
    assert (decision.reason, decision.detail) == ("private_network", detail)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::6810:84e5", "8.8.8.8"])
def test_public_addresses_pass(address):
    assert check_address(address).allowed


def test_allow_private_lets_everything_through():
    assert check_address("127.0.0.1", allow_private=True).allowed
