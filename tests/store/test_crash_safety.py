"""SIGKILL in the middle of a stream of commands never leaves half a command in the file."""

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from app.document import Document
from app.store import JournalProblem, Store
from app.store.journal import hot_journal

KILLS = 60

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


def read_after_crash(path) -> bool:
    """A reader after a kill: the last committed prefix, or (hot journal) one clear message,
    and never a change to the file. True if it met a hot journal."""
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    try:
        store = Store.open(path, read_only=True)
    except JournalProblem as exc:
        assert "unfinished change" in str(exc) and hot_journal(path) is not None
        met = True
    else:
        assert_prefix(store.load())
        store.close()
        met = False
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    return met


@pytest.mark.slow
def test_kill_during_writes_always_leaves_a_prefix(tmp_path):
    path = tmp_path / "crash.rmap"
    Document.new(path).close()
    counts, journals = [], 0
    for round_ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(0.02 + (round_ % 5) * 0.03)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        journals += read_after_crash(path)
        store = Store.open(path)          # the editor rolls back a hot journal if there is one
        amap = store.load()
        store.close()
        assert hot_journal(path) is None
        assert_prefix(amap)
        counts.append(len(amap.nodes))
    assert counts[-1] > 0, "the writer should have committed something"
    assert counts == sorted(counts)
    print(f"{KILLS} kills, {journals} left a hot journal, {counts[-1]} commands kept")
    result = subprocess.run([sys.executable, "-m", "app", "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
