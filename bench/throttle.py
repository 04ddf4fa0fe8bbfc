"""A slow link in front of a local server: a TCP proxy with a shared bandwidth and a round trip.

Chromium's own network emulation (the DevTools protocol's `Network.emulateNetworkConditions`) is
set on a page; the page's dedicated workers follow it, but a service worker's own requests do not:
measured with it, the diagnostic's service worker fetched at loopback speed what the page asked
for, flattering every visit it served. This proxy slows everything the browser sends to one port
and everything that comes back, whoever asked: pages, workers and service workers alike, and the
bare Pyodide page the benchmark compares with.

The model: one link of `bits_per_second` each way, shared fairly by the connections that have
bytes waiting (a chunk each in turn, as TCP flows roughly share a bottleneck), and half the round
trip on each crossing. Bytes are read from either side as fast as they come and delivered when the
link would have carried them, so a transfer is never held up by its own latency (TCP's windows are
taken as open), and a small file asked for behind a large one still gets its share at once.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from dataclasses import dataclass, field

CHUNK = 16 * 1024


@dataclass
class _Flow:
    """One connection's bytes in one direction, waiting for the link."""

    target: asyncio.StreamWriter
    pieces: deque[bytes] = field(default_factory=deque)
    ended: bool = False


class _Link:
    """One direction: sends a chunk of each waiting flow in turn, at its rate, and delivers each
    after the one-way delay."""

    def __init__(self, loop: asyncio.AbstractEventLoop, bytes_per_second: float, one_way_s: float):
        self.loop = loop
        self.bytes_per_second = bytes_per_second
        self.one_way_s = one_way_s
        self.flows: deque[_Flow] = deque()  # those with bytes waiting, in turn
        self.waiting = asyncio.Event()

    def send(self, flow: _Flow, data: bytes) -> None:
        for start in range(0, len(data), CHUNK):
            flow.pieces.append(data[start : start + CHUNK])
        self._wake(flow)

    def end(self, flow: _Flow) -> None:
        flow.ended = True
        self._wake(flow)

    def _wake(self, flow: _Flow) -> None:
        if flow not in self.flows:
            self.flows.append(flow)
        self.waiting.set()

    async def run(self) -> None:
        while True:
            if not self.flows:
                self.waiting.clear()
                await self.waiting.wait()
                continue
            flow = self.flows.popleft()
            if not flow.pieces:
                if flow.ended:  # everything on its way: close once the last piece has arrived
                    self.loop.call_later(self.one_way_s, flow.target.close)
                continue
            piece = flow.pieces.popleft()
            await asyncio.sleep(len(piece) / self.bytes_per_second)  # the link is busy with it
            self.loop.call_later(self.one_way_s, self._deliver, flow.target, piece)
            if flow.pieces or flow.ended:
                self.flows.append(flow)

    @staticmethod
    def _deliver(target: asyncio.StreamWriter, piece: bytes) -> None:
        if not target.is_closing():
            target.write(piece)


class Throttle:
    """`with Throttle(port, bits_per_second, rtt_ms) as link:` forwards `link.port` on 127.0.0.1 to
    `port` through the slow link."""

    def __init__(self, upstream_port: int, bits_per_second: float, rtt_ms: float) -> None:
        self.upstream_port = upstream_port
        self.rate, self.one_way = bits_per_second / 8, rtt_ms / 2000
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.port = 0
        self.server: asyncio.Server | None = None

    def __enter__(self) -> Throttle:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=10)
        return self

    async def _start(self) -> None:
        self.down = _Link(self.loop, self.rate, self.one_way)
        self.up = _Link(self.loop, self.rate, self.one_way)
        self.links = [asyncio.ensure_future(link.run()) for link in (self.down, self.up)]
        self.server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)

    async def _stop(self) -> None:
        if self.server is not None:
            self.server.close()
        running = asyncio.all_tasks() - {asyncio.current_task()}
        for task in running:  # the links and any connection still open
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)

    async def _connection(
        self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter
    ) -> None:
        try:
            server_in, server_out = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            client_out.close()
            return
        await asyncio.gather(
            self._carry(client_in, _Flow(server_out), self.up),
            self._carry(server_in, _Flow(client_out), self.down),
        )

    @staticmethod
    async def _carry(source: asyncio.StreamReader, flow: _Flow, link: _Link) -> None:
        """Hand what `source` sends to the link as it comes; then the end."""
        try:
            while data := await source.read(4 * CHUNK):
                link.send(flow, data)
        except (ConnectionError, OSError):
            pass
        link.end(flow)
