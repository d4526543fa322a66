"""A loopback TCP proxy that delays every byte by a fixed time each way: a slow mobile link.

Only latency, not bandwidth: each chunk read from one side is written to the other side `delay`
seconds later, in order. 300 ms each way is a poor 3G connection; that is enough to put several
script runs "in flight" between the browser and Streamlit, which is what the slow-link tests
need. Runs its own asyncio loop in a thread, so synchronous Playwright tests can use it.

Self-contained (standard library only) on purpose: test tooling may move between folders.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass
class DelayProxy:
    """A running proxy: `url` points at it; `delay` (seconds each way) can change at any time."""

    port: int
    target_port: int
    delay: float

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


async def _pump(
    proxy: DelayProxy, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """Copy reader -> writer, each chunk written `proxy.delay` seconds after it was read."""
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def read() -> None:
        while True:
            data = await reader.read(65536)
            await queue.put((time.monotonic() + proxy.delay, data))
            if not data:
                return

    async def write() -> None:
        while True:
            due, data = await queue.get()
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                # The sender closed its side: pass the end of stream on, as late as the data.
                with contextlib.suppress(OSError):
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()

    reading = asyncio.ensure_future(read())
    try:
        await write()
    finally:
        reading.cancel()
        await asyncio.gather(reading, return_exceptions=True)


async def _handle(
    proxy: DelayProxy, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter
) -> None:
    try:
        upstream_reader, upstream_writer = await asyncio.open_connection(
            "127.0.0.1", proxy.target_port
        )
    except OSError:
        # The server is down (a restart test): the browser sees a refused connection.
        client_writer.close()
        return
    for sock_owner in (client_writer, upstream_writer):
        sock = sock_owner.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        await asyncio.gather(
            _pump(proxy, client_reader, upstream_writer),
            _pump(proxy, upstream_reader, client_writer),
        )
    except (OSError, asyncio.IncompleteReadError, asyncio.CancelledError):
        pass
    finally:
        for writer in (client_writer, upstream_writer):
            writer.close()


@contextlib.contextmanager
def delaying_proxy(target_port: int, delay: float) -> Iterator[DelayProxy]:
    """Listen on a free loopback port and forward to 127.0.0.1:target_port with `delay` each way."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict[str, asyncio.AbstractServer] = {}
    proxy = DelayProxy(port=0, target_port=target_port, delay=delay)

    async def start() -> None:
        server = await asyncio.start_server(
            lambda r, w: _handle(proxy, r, w), host="127.0.0.1", port=0
        )
        holder["server"] = server
        proxy.port = int(server.sockets[0].getsockname()[1])
        ready.set()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        loop.run_forever()

    thread = threading.Thread(target=run, name="delay-proxy", daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("the delaying proxy did not start")
    try:
        yield proxy
    finally:

        async def stop() -> None:
            holder["server"].close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
