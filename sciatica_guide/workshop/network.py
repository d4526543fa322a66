"""Where phones in the room reach the guide when the presenter opened it as "localhost".

A presenter who starts the guide on a laptop opens http://localhost:8501; phones cannot. Like the
"Network URL" Streamlit prints at start, the guide then uses this computer's address on its local
network, so the QR code works for phones on the same Wi-Fi without a setting (issue 26, point 2).
"""

from __future__ import annotations

import ipaddress
import socket

#: An address on no network (the broadcast address of 10.0.0.0/8): connecting a UDP socket to it
#: only makes the system choose the interface it would use. No packet is sent.
_ROUTE_PROBE = ("10.255.255.255", 1)


def lan_address() -> str | None:
    """This computer's own address on its local network, or None when it has none."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(_ROUTE_PROBE)
        found = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    try:
        address = ipaddress.ip_address(found)
    except ValueError:
        return None
    if address.is_loopback or address.is_unspecified:
        return None
    return str(address)


def network_host(bound: str | None, lan: str | None) -> str | None:
    """The host phones use: the address the server listens on when that is one network address,
    else `lan` (this computer's network address) when the server listens on every interface.

    `bound` is Streamlit's `server.address` (empty or None: every interface). None when the server
    listens on this computer only (loopback or a name), where no phone can reach it.
    """
    if not bound:
        return lan
    try:
        address = ipaddress.ip_address(bound.strip("[]"))
    except ValueError:
        return None
    if address.is_loopback:
        return None
    if address.is_unspecified:
        return lan
    return str(address)
