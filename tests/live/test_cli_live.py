"""`reasonmap host` and `reasonmap join` as processes on loopback: the join code line, a
participant's copy kept in sync, a clean stop on SIGINT/SIGTERM with every change committed,
and a refused join that exits non-zero with one line and writes no file (issue 15)."""

import asyncio
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.document import Document
from app.live.code import JoinCode
from app.model.commands import AddNode, SetMeta

from .edits import rows
from .net import LiveGuest, settle

LIMIT = 30


def start(*args):
    return subprocess.Popen([sys.executable, "-m", "app", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def first_line(proc) -> str:
    line = proc.stdout.readline()          # the host prints the code at once; bounded below
    return line.strip()


@pytest.fixture
def host(tmp_path):
    path = tmp_path / "host.rmap"
    doc = Document.new(path)
    doc.execute(SetMeta("title", "Headless workshop"))
    doc.execute(AddNode(title="Claim", node_id="claim"))
    doc.close()
    proc = start("host", str(path), "--bind", "127.0.0.1", "--port", "0")
    timer = _kill_after(proc, LIMIT * 4)
    line = first_line(proc)
    assert line.startswith("Join code: rmap://127.0.0.1:"), (line, proc.stderr.read() if proc.poll() is not None else "")
    yield path, JoinCode.parse(line.split(": ", 1)[1]), proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(LIMIT)
    timer.cancel()


def _kill_after(proc, seconds):
    import threading
    timer = threading.Timer(seconds, lambda: proc.poll() is None and proc.kill())
    timer.daemon = True
    timer.start()
    return timer


def wait_until(condition, limit=LIMIT):
    end = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def has_node(path, title):
    try:
        return any(r[2] == title for r in rows(path)["nodes"])
    except Exception:                      # not there yet, or being created
        return False


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_host_and_join_keep_copies_in_sync_and_stop_cleanly(tmp_path, host, stop):
    path, code, host_proc = host
    out = tmp_path / "copy.rmap"
    joiner = start("join", str(code), "-o", str(out), "--name", "Ann")
    timer = _kill_after(joiner, LIMIT * 4)
    wait_until(lambda: has_node(out, "Claim"))

    async def edit_from_a_third_laptop():
        guest = await LiveGuest(code, tmp_path / "third.rmap").start()
        await settle(lambda: guest.connected and "claim" in guest.doc.map.nodes)
        guest.doc.execute(AddNode(title="From the third laptop", node_id="third"))
        await settle(lambda: has_node(out, "From the third laptop") and has_node(path, "From the third laptop"))
        await guest.stop()
    asyncio.run(asyncio.wait_for(edit_from_a_third_laptop(), LIMIT))

    joiner.send_signal(stop)
    assert joiner.wait(LIMIT) == 0, joiner.stderr.read()
    host_proc.send_signal(stop)
    assert host_proc.wait(LIMIT) == 0, host_proc.stderr.read()
    timer.cancel()
    assert rows(out) == rows(path)
    titles = sorted(r[2] for r in rows(path)["nodes"])
    assert titles == ["Claim", "From the third laptop"]
    assert Document.open(out, read_only=True).map.meta["title"] == "Headless workshop"


@pytest.mark.parametrize("spoil", ["token", "room", "fingerprint"])
def test_a_refused_join_exits_non_zero_with_one_line_and_writes_no_file(tmp_path, host, spoil):
    path, code, _ = host
    bad = {"token": str(code).replace("token=", "token=x"),
           "room": str(code).replace(f"/{code.room}?", "/someone-else?"),
           "fingerprint": str(code).replace(f"fp={code.fingerprint}", "fp=" + "B" * 43)}[spoil]
    before = rows(path)
    result = subprocess.run([sys.executable, "-m", "app", "join", bad, "-o", str(tmp_path / "no.rmap")],
                            capture_output=True, text=True, timeout=LIMIT)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reasonmap: Refused: "), result.stderr
    assert not list(tmp_path.glob("no*")) and not list(tmp_path.glob(".no*"))
    assert rows(path) == before


def test_a_join_with_nobody_there_or_a_damaged_code_writes_nothing(tmp_path):
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]          # free again when the join runs: nobody listens
    code = f"rmap://127.0.0.1:{port}/room?token=abc&fp={'A' * 43}"
    for text in (code, "rmap://127.0.0.1/room", "http://example.org"):
        result = subprocess.run([sys.executable, "-m", "app", "join", text, "-o", str(tmp_path / "x.rmap")],
                                capture_output=True, text=True, timeout=LIMIT)
        assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_host_refuses_a_map_that_is_not_an_rmap_file(tmp_path):
    src = Path(__file__).resolve().parents[2] / "argument_maps" / "prosocial-drives.argdown"
    result = subprocess.run([sys.executable, "-m", "app", "host", str(src), "--port", "0"],
                            capture_output=True, text=True, timeout=LIMIT)
    assert result.returncode != 0 and "import it first" in result.stderr


def test_check_1_three_app_processes_200_random_commands_each_converge_within_10_s(tmp_path, host):
    path, code, host_proc = host
    peers = [subprocess.Popen([sys.executable, "-m", "tests.live.random_peer", str(code),
                               str(tmp_path / f"p{i}.rmap"), str(i), "200", f"p{i}"],
                              stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
             for i in range(3)]
    timers = [_kill_after(p, LIMIT * 6) for p in peers]
    try:
        for p in peers:
            assert p.stdout.readline().strip() == "done"
        files = [tmp_path / f"p{i}.rmap" for i in range(3)] + [path]
        wait_until(lambda: all(rows(f) == rows(files[0]) for f in files[1:]), limit=10)
    finally:
        for p in peers:
            p.send_signal(signal.SIGTERM)
        for p in peers:
            assert p.wait(LIMIT) == 0
        for t in timers:
            t.cancel()
    from .edits import integrity
    first = rows(files[0])
    assert len(first["nodes"]) > 20
    maps = []
    for f in files:
        assert rows(f) == first and not integrity(f)
        reader = Document.open(f, read_only=True)
        maps.append(reader.map)
        reader.close()
    assert all(m == maps[0] for m in maps)
