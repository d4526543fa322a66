"""Server-process tuning the frame applies once per process (measured in benchmarks/).

Streamlit 1.67 binds its listening socket as ``socket.socket(family)``, so the socket's ``proto``
is 0 and asyncio's transport never sets ``TCP_NODELAY`` on the accepted connections (it only does
so for ``proto == IPPROTO_TCP``). Every script run sends a burst of small websocket frames; with
Nagle's algorithm on, the second frame waits for the browser's delayed ACK (40 ms on Linux). A
rerun of a trivial page then takes about 44 ms instead of about 6 ms, in a real browser as in
the benchmark. Setting ``TCP_NODELAY`` on the listening socket fixes it for every later
connection (Linux copies the option to accepted sockets); setting it on the connections already
open fixes the session that ran this first.

Python's cyclic garbage collector is left on but made to run less often: by default it starts a
young-generation pass every 700 new objects and a full pass every 100 young ones, and every
pass walks objects that live as long as the server (Streamlit, the content). A body map tap
makes a few thousand objects, so under load most taps paid for a pass. Objects alive after
start-up are frozen out of the passes, and the passes start after 50,000 new objects (a full
pass after 2,000 young ones): 100 sessions tapping at once take about 20% less server time
(docs/performance.md, "Instant body map"). Memory left to a pass is bounded by those counts.
"""

from __future__ import annotations

import gc
import os
import socket
import stat
import threading

_lock = threading.Lock()
_tuned = False


def _tcp_sockets() -> list[int]:
    """File descriptors of this process's TCP sockets (Linux: /proc/self/fd)."""
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return []
    found: list[int] = []
    for name in names:
        fd = int(name)
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                found.append(fd)
        except OSError:
            continue  # closed between listing and looking: nothing to tune
    return found


def enable_tcp_nodelay() -> int:
    """Set TCP_NODELAY on every TCP socket of this process; return how many were set."""
    count = 0
    for fd in _tcp_sockets():
        try:
            # A duplicate descriptor: closing it leaves the server's own socket open.
            sock = socket.socket(fileno=os.dup(fd))
        except OSError:
            continue
        with sock:
            if sock.family not in (socket.AF_INET, socket.AF_INET6):
                continue
            if sock.type != socket.SOCK_STREAM:
                continue
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                count += 1
            except OSError:
                continue
    return count


#: Young-generation pass every 50,000 new objects; a middle pass every 20 of those; a full
#: pass every 100 middle ones (Python's defaults: 700, 10, 10).
GC_THRESHOLDS = (50_000, 20, 100)


def tune_garbage_collection() -> None:
    """Freeze what start-up made (never garbage) and space the collector's passes out."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def tune_server_process() -> None:
    """Apply the process-wide tuning once; later calls (every rerun of the frame) cost nothing."""
    global _tuned
    if _tuned:
        return
    with _lock:
        if _tuned:
            return
        enable_tcp_nodelay()
        tune_garbage_collection()
        _tuned = True
