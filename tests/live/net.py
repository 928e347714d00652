"""Live sessions on loopback for tests: an in-process host and participants on one asyncio
loop (each with its own .rmap), and ``settle`` to wait, bounded, for a condition."""

import asyncio

from app.document import Document
from app.live.runner import Host, Participant, open_copy

LIMIT = 20.0          # seconds any one wait may take before the test fails


async def settle(condition, limit=LIMIT, what="the laptops to agree"):
    """Wait until *condition()* is true (checked every 20 ms), or fail after *limit* s."""
    loop = asyncio.get_running_loop()
    end = loop.time() + limit
    while not condition():
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


class LiveHost:
    def __init__(self, path, port=None):
        self.path, self.port = path, port

    async def start(self):
        loop = asyncio.get_running_loop()
        self.doc = Document.open(self.path) if self.path.exists() else Document.new(self.path)
        self.host = Host(self.doc, loop.call_soon, bind="127.0.0.1", port=self.port,
                         later=loop.call_later)
        await self.host.start(self.host.session.mirror.doc.get_update())
        self.code = self.host.code
        return self

    async def stop(self):
        await self.host.stop()
        await asyncio.sleep(0)
        self.doc.close()


class LiveGuest:
    def __init__(self, code, path, name="guest"):
        self.code, self.path, self.name = code, path, name

    async def start(self, first=None):
        loop = asyncio.get_running_loop()
        self.part = Participant(self.code, loop.call_soon, name=self.name, later=loop.call_later)
        self.doc = open_copy(self.path)
        self.session = self.part.attach(self.doc)
        self.task = asyncio.create_task(self.part.run(first))
        return self

    @property
    def connected(self):
        return self.session.status == "connected"

    async def stop(self, close=True):
        self.session.goodbye()
        await asyncio.sleep(0)
        await self.part.stop()
        await asyncio.wait_for(asyncio.gather(self.task, return_exceptions=True), LIMIT)
        await asyncio.sleep(0)
        if close:
            self.doc.close()
