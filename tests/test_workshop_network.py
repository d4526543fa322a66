"""Phones reach a presenter's "localhost" guide by this computer's network address (issue 26,
point 2): the pure parts here, the projector and a phone in tests/browser/test_workshop.py."""

from __future__ import annotations

import ipaddress

import pytest

from sciatica_guide.workshop.follow import is_local_address, on_network
from sciatica_guide.workshop.network import lan_address, network_host


@pytest.mark.parametrize(
    ("root", "host", "expected"),
    [
        ("http://localhost:8501", "192.168.1.20", "http://192.168.1.20:8501"),
        ("http://127.0.0.1:8501/guide", "10.0.0.7", "http://10.0.0.7:8501/guide"),
        ("https://localhost/guide", "10.0.0.7", "https://10.0.0.7/guide"),
        ("http://[::1]:8501", "fd00::2", "http://[fd00::2]:8501"),
        ("http://localhost:8501", None, None),
        ("http://localhost:8501", "", None),
        ("ftp://localhost:21", "10.0.0.7", None),
        ("http://localhost:99999", "10.0.0.7", None),
    ],
)
def test_a_local_address_moves_to_the_network_host(
    root: str, host: str | None, expected: str | None
) -> None:
    found = on_network(root, host)
    assert found == expected
    if found is not None:
        assert not is_local_address(found)


@pytest.mark.parametrize(
    ("bound", "expected"),
    [
        (None, "192.168.1.20"),  # Streamlit's default: every interface
        ("", "192.168.1.20"),
        ("0.0.0.0", "192.168.1.20"),
        ("::", "192.168.1.20"),
        ("127.0.0.1", None),  # this computer only: no phone can reach it
        ("::1", None),
        ("localhost", None),
        ("10.0.0.7", "10.0.0.7"),  # one network address: the one phones use
        ("[fd00::2]", "fd00::2"),
    ],
)
def test_the_host_follows_where_the_server_listens(bound: str | None, expected: str | None) -> None:
    assert network_host(bound, "192.168.1.20") == expected


def test_without_a_network_every_interface_gives_no_host() -> None:
    assert network_host(None, None) is None
    assert network_host("0.0.0.0", None) is None


def test_this_computers_address_is_a_network_address_or_none() -> None:
    # The real machine: no network is a valid answer; loopback never is.
    found = lan_address()
    if found is not None:
        address = ipaddress.ip_address(found)
        assert not address.is_loopback and not address.is_unspecified
