"""Which network addresses a crawler for the open web may reach."""

from __future__ import annotations

import ipaddress

from filters.decision import ALLOW, Decision, refuse


def check_address(address: str, allow_private: bool = False) -> Decision:
    """Refuse loopback, private, link-local, multicast, reserved and unspecified addresses unless allowed."""
    if allow_private:
        return ALLOW
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        # Not an address we can judge: fail closed.
        return refuse("private_network", "unparsable address")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return refuse("private_network", kind)
    if not ip.is_global:
        # Shared address space (100.64/10), documentation ranges and the like.
        return refuse("private_network", "not global")
    return ALLOW
