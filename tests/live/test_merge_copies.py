"""Merging another copy of the same live session through the shared document (issue 16):
both copies' offline edits kept, no conflicts, the same rows as a live sync would give."""

import hashlib
import shutil
import sqlite3

import pytest
from pycrdt import Doc, Map

from app.document.document import Document
from app.live.merge import DamagedCopy, client_ids, merge_live, plan_live_merge

from .copies import edit_apart, hostile_update, session_pair, stored
from .edits import integrity, rows
from .hub import Hub


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def copies(tmp_path):
    host, guest = session_pair(tmp_path)
    edit_apart(host, guest)
    host.close()
    guest.close()
    return host.path, guest.path


def synced_rows(tmp_path, host_path, guest_path):
    """What the host's file holds after the two copies meet in a live session again."""
    ref = tmp_path / "ref"
    ref.mkdir()
    a, b = shutil.copy(host_path, ref / "a.rmap"), shutil.copy(guest_path, ref / "b.rmap")
    hub = Hub()
    docs = [Document.open(a), Document.open(b)]
    for doc in docs:
        hub.connect(hub.session(doc))
    hub.pump()
    out = rows(a)
    assert out == rows(b)
    for doc in docs:
        doc.close()
    return out


def test_two_copies_of_one_session_merge_every_edit_of_both_without_conflicts(tmp_path, copies):
    host_path, guest_path = copies
    expected = synced_rows(tmp_path, host_path, guest_path)
    guest_before, host_rows = digest(guest_path), rows(host_path)
    doc = Document.open(host_path)
    merge = plan_live_merge(doc, guest_path)
    assert merge is not None and not merge.empty
    assert merge.added == {"nodes": 1, "edges": 1} and merge.removed == {"nodes": 1}
    assert merge.changed == {"nodes": 1}, "the guest's text and score of the claim"
    merge_live(doc, merge)
    claim = doc.map.nodes["claim"]
    assert (claim.title, claim.text, claim.base_score) == \
        ("Claim, retitled by the host", "Words the guest wrote", 0.3), "both edits of one card kept"
    assert {"h1", "g1"} <= set(doc.map.nodes) and "doomed" not in doc.map.nodes
    assert doc.map.assessments[("ann", "claim")].value == 0.8
    assert rows(host_path) == expected, "the same rows as after a live sync"
    assert not integrity(host_path)
    assert digest(guest_path) == guest_before, "the other copy is only read"
    assert doc.undo_label == "Merge another copy"
    doc.undo()
    assert rows(host_path) == host_rows, "one undo step takes the whole merge back"
    doc.close()


def test_the_merge_is_in_the_files_live_history_so_a_reopened_session_shows_it(tmp_path, copies):
    host_path, guest_path = copies
    doc = Document.open(host_path)
    before = len(stored(host_path))
    merge_live(doc, plan_live_merge(doc, guest_path))
    merged = rows(host_path)
    assert len(stored(host_path)) > before, "the new raw updates went in with the rows"
    doc.close()
    again = Document.open(host_path)
    hub = Hub()
    hub.connect(hub.session(again))
    hub.pump()
    assert rows(host_path) == merged, "reopened in a session: nothing to catch up"
    assert plan_live_merge(again, guest_path).empty, "merging the same copy twice brings nothing"
    again.close()


def test_a_copy_of_another_session_is_not_merged_through_the_shared_document(tmp_path, copies):
    host_path, _ = copies
    (tmp_path / "other").mkdir()
    other, other_guest = session_pair(tmp_path / "other")
    other.close()
    other_guest.close()
    doc = Document.open(host_path)
    assert plan_live_merge(doc, other_guest.path) is None, "a different session: rows are compared"
    plain = Document.new(tmp_path / "plain.rmap")
    plain.close()
    assert plan_live_merge(doc, plain.path) is None, "a copy never in a session: rows are compared"
    doc.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "hostile"])
def test_a_damaged_live_update_in_the_other_copy_refuses_the_merge_and_writes_nothing(tmp_path, copies, damage):
    host_path, guest_path = copies
    conn = sqlite3.connect(guest_path)
    seq, data = conn.execute("SELECT seq, data FROM live_updates ORDER BY seq DESC LIMIT 1").fetchone()
    if damage == "garbage":
        bad = b"\x07\xff\xff\xff\xff\x0f" + b"\x99" * 40
    elif damage == "truncated":
        bad = data[: len(data) // 2]
    else:
        bad = hostile_update(guest_path)
    conn.execute("UPDATE live_updates SET data = ? WHERE seq = ?", (bad, seq))
    conn.commit()
    conn.close()
    host_rows, host_updates = rows(host_path), stored(host_path)
    doc = Document.open(host_path)
    with pytest.raises(DamagedCopy) as info:
        plan_live_merge(doc, guest_path)
    assert "guest" in str(info.value) and "nothing was merged" in str(info.value)
    doc.close()
    assert rows(host_path) == host_rows and stored(host_path) == host_updates


def test_client_ids_read_a_state_vector():
    doc = Doc()
    doc.get("m", type=Map)["k"] = 1
    assert client_ids(doc.get_state()) == {doc.client_id}


def test_merging_while_in_a_session_reaches_the_room_and_undoes_as_one_step(tmp_path, copies):
    host_path, guest_path = copies
    hub = Hub()
    doc = Document.open(host_path)
    hub.connect(hub.session(doc))
    watcher = Document.new(tmp_path / "watcher.rmap")
    hub.connect(hub.session(watcher, seed=False))
    hub.pump()
    assert "g1" not in watcher.map.nodes
    merge_live(doc, plan_live_merge(doc, guest_path))
    hub.pump()
    assert watcher.map.nodes["claim"].text == "Words the guest wrote" and "g1" in watcher.map.nodes
    assert rows(watcher.path) == rows(host_path)
    assert doc.undo_label == "Merge another copy"
    doc.undo()
    hub.pump()
    assert "g1" not in watcher.map.nodes and "doomed" in doc.map.nodes
    for d in (doc, watcher):
        d.close()
