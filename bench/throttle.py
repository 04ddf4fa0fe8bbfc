"""A slow link in front of a local server: a TCP proxy with a shared bandwidth and a round trip.

Chromium's own network emulation (the DevTools protocol's `Network.emulateNetworkConditions`) is
set on a page; the page's dedicated workers follow it, but a service worker's own requests do not:
measured with it, the diagnostic's service worker fetched at loopback speed what the page asked
for, flattering every visit it served. This proxy slows everything the browser sends to one port
and everything that comes back, whoever asked: pages, workers and service workers alike, and the
bare Pyodide page the benchmark compares with.

The model: one link of `bits_per_second` each way, shared by all connections in the order their
bytes arrive (a bottleneck's queue), and half the round trip on each crossing. Bytes are read from
either side as fast as they come and delivered when the link would have carried them, so one
connection's transfer is never held up by its own latency (TCP's windows are taken as open).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

CHUNK = 16 * 1024


@dataclass
class _Link:
    """One direction: when it is next free, in the event loop's clock."""

    bytes_per_second: float
    one_way_s: float
    free_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def arrival(self, now: float, size: int) -> float:
        """When `size` bytes sent now reach the far end."""
        with self.lock:
            self.free_at = max(now, self.free_at) + size / self.bytes_per_second
            return self.free_at + self.one_way_s


class Throttle:
    """`with Throttle(port, bits_per_second, rtt_ms) as link:` forwards `link.port` on 127.0.0.1 to
    `port` through the slow link."""

    def __init__(self, upstream_port: int, bits_per_second: float, rtt_ms: float) -> None:
        self.upstream_port = upstream_port
        rate, one_way = bits_per_second / 8, rtt_ms / 2000
        self.down = _Link(rate, one_way)
        self.up = _Link(rate, one_way)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.port = 0
        self.server: asyncio.Server | None = None

    def __enter__(self) -> Throttle:
        self.thread.start()
        starting = asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.server = asyncio.run_coroutine_threadsafe(starting, self.loop).result(timeout=10)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    def __exit__(self, *exc: object) -> None:
        if self.server is not None:
            self.server.close()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)

    async def _connection(
        self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter
    ) -> None:
        try:
            server_in, server_out = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            client_out.close()
            return
        await asyncio.gather(
            self._carry(client_in, server_out, self.up),
            self._carry(server_in, client_out, self.down),
            return_exceptions=True,
        )

    async def _carry(
        self, source: asyncio.StreamReader, target: asyncio.StreamWriter, link: _Link
    ) -> None:
        """Read from `source` as bytes come, deliver each chunk to `target` when it would arrive."""
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()
        delivering = asyncio.ensure_future(self._deliver(queue, target))
        try:
            while data := await source.read(4 * CHUNK):
                for start in range(0, len(data), CHUNK):
                    piece = data[start : start + CHUNK]
                    queue.put_nowait((link.arrival(self.loop.time(), len(piece)), piece))
        except (ConnectionError, OSError):
            pass
        queue.put_nowait((0.0, b""))  # the end, after what is already on its way
        await delivering

    async def _deliver(
        self, queue: asyncio.Queue[tuple[float, bytes]], target: asyncio.StreamWriter
    ) -> None:
        close: Callable[[], None] = target.close
        try:
            while True:
                arrival, piece = await queue.get()
                if not piece:
                    break
                await asyncio.sleep(max(0.0, arrival - self.loop.time()))
                target.write(piece)
                await target.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            close()
