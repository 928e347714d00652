"""Check 10 of issue 15: the same clients sync through the reference y-websocket server
(``@y/websocket-server`` 0.1.1, built on yjs 13, pinned in tests/live/yserver/package.json).

Runs wherever ``node`` and that package are installed (``.ci/run`` installs it with npm);
skipped elsewhere, saying why. The server is started by the test on 127.0.0.1 and stopped
after it."""

import asyncio
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from app.document import Document
from app.live.client import Connection, open_plain
from app.live.session import LiveSession
from app.model.commands import AddNode, Connect, EditNode, SetMeta

from .edits import rows
from .net import settle

SERVER = Path(__file__).resolve().parent / "yserver" / "node_modules" / "@y" / "websocket-server" / "src" / "server.js"
pytestmark = pytest.mark.skipif(shutil.which("node") is None or not SERVER.exists(),
                                reason="needs node and tests/live/yserver (npm ci there; .ci/run does)")


@pytest.fixture
def yserver():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(["node", str(SERVER)], env={"HOST": "127.0.0.1", "PORT": str(port),
                                                        "PATH": "/usr/bin:/bin"},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert "running at" in proc.stdout.readline()
        yield f"ws://127.0.0.1:{port}/reasonmap-room"
    finally:
        proc.terminate()
        proc.wait(10)


class Laptop:
    def __init__(self, path, url, seed, name):
        loop = asyncio.get_running_loop()
        self.doc = Document.open(path) if path.exists() else Document.new(path)
        self.session = LiveSession(self.doc, seed=seed, name=name,
                                   schedule=lambda fn: loop.call_later(0.002, fn))
        s = self.session
        self.conn = Connection(None, name=name, on_message=s.receive, on_up=s.connected,
                               on_down=s.disconnected, on_refused=lambda m: None,
                               opener=lambda: open_plain(url))
        self.task = asyncio.create_task(self.conn.run())

    async def stop(self):
        self.session.goodbye()
        await asyncio.sleep(0)
        await self.conn.stop()
        await asyncio.wait_for(asyncio.gather(self.task, return_exceptions=True), 10)
        self.doc.close()


def test_check_10_clients_sync_through_the_reference_y_websocket_server(tmp_path, yserver):
    async def main():
        first = Document.new(tmp_path / "a.rmap")
        first.execute(SetMeta("title", "Through the reference server"))
        first.execute(AddNode(title="Claim", node_id="claim"))
        first.close()
        a = Laptop(tmp_path / "a.rmap", yserver, True, "A")
        b = Laptop(tmp_path / "b.rmap", yserver, False, "B")
        await settle(lambda: b.doc.map == a.doc.map and a.session.status == b.session.status == "connected")
        b.doc.execute(AddNode(title="Reason", node_id="reason"))
        a.doc.execute(EditNode("claim", {"text": "edited on A"}))
        await settle(lambda: "reason" in a.doc.map.nodes and b.doc.map.nodes["claim"].text == "edited on A")
        a.doc.execute(Connect("reason", "claim", "support", edge_id="e"))
        b.session.select("claim")
        await settle(lambda: "e" in b.doc.map.edges
                     and [p.selected for p in a.session.presence.people() if p.name == "B"] == ["claim"])
        await a.stop()
        await b.stop()
        assert rows(tmp_path / "a.rmap") == rows(tmp_path / "b.rmap")
        assert Document.open(tmp_path / "b.rmap", read_only=True).map.meta["title"] == "Through the reference server"
    asyncio.run(asyncio.wait_for(main(), 60))
