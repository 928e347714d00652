"""Races between processes: editors exclude each other however they interleave (the lock
file is removed on release and re-created), and readers read whole commits while an editor
writes."""

import subprocess
import sys
import textwrap

import pytest

from app.document import Document

EDITOR = textwrap.dedent("""
    import os, sys, time
    from app.store import FileInUse, Store
    path, marker, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    held = refused = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            store = Store.open(path)
        except FileInUse:
            refused += 1
            continue
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)   # nobody else may be inside
        except FileExistsError:
            print("TWO EDITORS AT ONCE", flush=True)
            raise SystemExit(3)
        os.close(fd)
        held += 1
        time.sleep(0.002)
        os.unlink(marker)
        store.close()
    print(held, refused)
""")

READER = textwrap.dedent("""
    import sys, time
    from app.store import Store
    path, seconds = sys.argv[1], float(sys.argv[2])
    end, reads, last, seen = time.monotonic() + seconds, 0, -1, set()
    while time.monotonic() < end:
        store = Store.open(path, read_only=True)
        amap = store.load()
        store.close()
        n = len(amap.nodes)
        assert len(amap.edges) == max(0, n - 1), "half a command"
        assert n >= last, "went back in time"
        last, reads = n, reads + 1
        seen.add(n)
    print(reads, last, *sorted(seen))
""")

WRITER = textwrap.dedent("""
    import sys, time
    from app.document import Document
    from app.model import AddNode
    doc = Document.open(sys.argv[1])
    end = time.monotonic() + float(sys.argv[2])
    i = 0
    while time.monotonic() < end:
        doc.execute(AddNode(title=f"n{i}", node_id=f"n{i}", parent=f"n{i - 1}" if i else None))
        i += 1
        time.sleep(0.01)                 # a brisk user, not a loop without pause
    doc.close()
    print(i)
""")


def run_all(commands):
    procs = [subprocess.Popen([sys.executable, "-c", *c], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for c in commands]
    outs = [p.communicate(timeout=120) for p in procs]
    return [(p.returncode, out, err) for p, (out, err) in zip(procs, outs)]


@pytest.mark.slow
def test_editors_racing_for_one_map_never_overlap(tmp_path):
    path = tmp_path / "race.rmap"
    Document.new(path).close()
    marker = tmp_path / "inside"
    results = run_all([(EDITOR, str(path), str(marker), "3") for _ in range(4)])
    for code, out, err in results:
        assert code == 0, (out, err)
    assert sum(int(out.split()[0]) for _, out, _ in results) > 10, results
    assert sum(int(out.split()[1]) for _, out, _ in results) > 0, "they did meet"


@pytest.mark.slow
def test_readers_see_whole_commits_while_an_editor_writes(tmp_path):
    path = tmp_path / "busy.rmap"
    Document.new(path).close()
    results = run_all([(WRITER, str(path), "3")] + [(READER, str(path), "3") for _ in range(2)])
    for code, out, err in results:
        assert code == 0, (out, err)
    written = int(results[0][1])
    seen = {int(n) for _, out, _ in results[1:] for n in out.split()[2:]}
    assert written > 10 and all(int(out.split()[0]) > 3 for _, out, _ in results[1:]), results
    assert any(0 < n < written for n in seen), "readers read while the editor was writing"
