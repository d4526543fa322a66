"""Large messages sent to a running guide, and the server's resident memory (Linux /proc)."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from websockets.exceptions import ConnectionClosed

from guide_testing.protocol import ProtocolError, StreamlitSession


def rss_mib(pid: int) -> float:
    """Resident memory of process `pid` in MiB (VmRSS)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


@dataclass(frozen=True)
class Cycles:
    accepted: int
    refused: int


def big_message_cycles(url: str, cycles: int, size: int) -> Cycles:
    """`cycles` times: connect, ask for a run with a `size`-character ?region=, close.

    Accepted: the server ran the page with it; refused: the server closed the connection.
    """
    accepted = refused = 0
    # A refused send ends the client's reader too; websockets logs that as an internal error.
    logging.getLogger("websockets").setLevel(logging.CRITICAL)
    for _ in range(cycles):
        session = StreamlitSession(url, timeout=60)
        try:
            session.rerun(page="body-map", query_string="region=" + "x" * size)
            accepted += 1
        except (ProtocolError, ConnectionClosed, OSError):
            refused += 1
        finally:
            session.close()
    return Cycles(accepted=accepted, refused=refused)


def settle_rss(pid: int, seconds: float) -> float:
    """RSS after `seconds`, the lowest seen in the last second (a collection may be running)."""
    time.sleep(max(0.0, seconds - 1))
    lowest = rss_mib(pid)
    for _ in range(5):
        time.sleep(0.2)
        lowest = min(lowest, rss_mib(pid))
    return lowest


def next_visitor(url: str) -> None:
    """One ordinary visit (open the start page, leave). Streamlit forgets a disconnected session
    whose time is up only when its session store is next used (cachetools' TTLCache expires on
    access), which a later visitor's leaving does; the guide's collection then returns it."""
    with StreamlitSession(url) as session:
        session.rerun()
