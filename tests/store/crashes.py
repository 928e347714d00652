"""Helpers that leave a map as a crash does: a writer SIGKILLed in the middle of commits."""

import signal
import subprocess
import sys
import time

import pytest

from app.store.journal import hot_journal

HAMMER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA synchronous = FULL")
print("ready", flush=True)
i = 0
while True:
    i += 1
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT OR REPLACE INTO sources(id, seq, title, text) VALUES (?, ?, 't', ?)",
                 (f"s{i % 7}", i, "x" * (20000 + i % 5000)))
    conn.execute("COMMIT")
"""


def leave_hot_journal(path, tries: int = 120):
    """Kill a committing writer of *path* until it leaves a hot journal; that journal."""
    for attempt in range(tries):
        proc = subprocess.Popen([sys.executable, "-c", HAMMER, str(path)], stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(0.01 + (attempt % 10) * 0.007)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        journal = hot_journal(path)
        if journal is not None:
            return journal
    pytest.fail(f"{tries} kills left no hot journal")
