"""SIGKILL in the middle of a stream of commands never leaves half a command in the file."""

import os
import signal
import subprocess
import sys
import textwrap
import time

from app.document import Document
from app.store import Store

WRITER = textwrap.dedent("""
    import sys
    from app.document import Document
    from app.model import AddNode
    doc = Document.open(sys.argv[1])
    start = len(doc.map.nodes)
    print("ready", flush=True)
    for i in range(start, start + 100000):
        parent = f"n{i - 1}" if i else None
        doc.execute(AddNode(title=f"n{i}", node_id=f"n{i}", parent=parent, text="x" * (i % 300)))
""")


def assert_prefix(amap):
    """Nodes n0..nk all present, each with its one edge to its predecessor: whole commands only."""
    ids = sorted(amap.nodes, key=lambda s: int(s[1:]))
    assert ids == [f"n{i}" for i in range(len(ids))]
    for i in range(1, len(ids)):
        assert amap.edge_between(f"n{i}", f"n{i - 1}") is not None
    assert len(amap.edges) == max(0, len(ids) - 1)


def test_kill_during_writes_always_leaves_a_prefix(tmp_path):
    path = tmp_path / "crash.rmap"
    Document.new(path).close()
    counts = []
    for round_ in range(25):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(0.02 + (round_ % 5) * 0.03)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        store = Store.open(path)          # rolls back a hot journal if there is one
        amap = store.load()
        store.close()
        assert_prefix(amap)
        counts.append(len(amap.nodes))
    assert counts[-1] > 0, "the writer should have committed something"
    assert counts == sorted(counts)
    result = subprocess.run([sys.executable, "-m", "app", "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
