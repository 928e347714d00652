"""The live core over an in-process room (tests/live/hub.py): one pipeline for local and
remote edits, the valid-map view, seeding once, per-person undo, hostile values (issue 15)."""

import random
import sqlite3

import pytest
from pycrdt import Doc, Map, create_sync_message, create_update_message, handle_sync_message

from app.document.document import Document
from app.live.session import LiveSession
from app.model.commands import (AddNode, Connect, DeleteNodes, EditNode, SetMeta)
from app.model.entities import Node

from .edits import integrity, rows, run_random
from .hub import Hub


def live_updates(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM live_updates").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def hub():
    return Hub()


@pytest.fixture
def host(tmp_path, hub):
    doc = Document.new(tmp_path / "host.rmap")
    doc.execute(SetMeta("title", "Shared map"))
    doc.execute(AddNode(title="Claim", node_id="claim"))
    hub.connect(hub.session(doc))
    yield doc
    doc.close()


def joiner(tmp_path, hub, name):
    doc = Document.new(tmp_path / f"{name}.rmap")
    hub.connect(hub.session(doc, seed=False))
    return doc


def test_a_participant_without_a_copy_seeds_nothing_and_ends_with_the_hosts_map(tmp_path, hub, host):
    before = rows(host.path)
    guest = joiner(tmp_path, hub, "guest")
    hub.pump()
    assert guest.map.meta["title"] == "Shared map" and [n.title for n in guest.map.nodes.values()] == ["Claim"]
    assert rows(host.path) == before, "the empty copy wrote nothing into the host's map"
    assert rows(guest.path) == before


def test_every_edit_is_in_the_file_with_its_raw_update_before_the_views_hear_of_it(tmp_path, hub, host):
    guest = joiner(tmp_path, hub, "guest")
    seen = []
    guest.changed.subscribe(lambda ev: seen.append((ev.kind, rows(guest.path)["nodes"], live_updates(guest.path))))
    stored = live_updates(guest.path)
    host.execute(EditNode("claim", {"title": "Renamed"}))
    hub.pump()
    kind, nodes, updates = seen[-1]
    assert kind == "remote" and nodes[0][2] == "Renamed" and updates == stored + 1


def test_a_file_is_seeded_once_and_rebuilt_from_its_stored_updates_after(tmp_path, hub, host):
    host.execute(EditNode("claim", {"text": "Some words"}))
    path = host.path
    first_client = host.session.mirror.doc.client_id
    host.close()
    stored = live_updates(path)
    again = Document.open(path)
    session = LiveSession(again)
    assert live_updates(path) == stored, "reopening wrote nothing: no second seed"
    assert session.mirror.doc.client_id != first_client, "every open of a file gets a fresh client id"
    assert len(session.mirror.roots["nodes"]) == 1 and str(session.mirror.roots["nodes"]["claim"]["text"]) == "Some words"
    other = Hub()
    other.connect(session)
    guest = joiner(tmp_path, other, "late")
    other.pump()
    assert rows(guest.path) == rows(path), "nothing duplicated: one claim, one text"
    again.close()


def test_edits_made_outside_a_session_are_caught_up_not_reseeded(tmp_path, hub, host):
    guest = joiner(tmp_path, hub, "guest")
    path = host.path
    host.close()
    plain = Document.open(path)                       # no session: an ordinary edit
    plain.execute(EditNode("claim", {"title": "Edited alone"}))
    plain.close()
    back = Document.open(path)
    hub.connect(hub.session(back))
    hub.pump()
    assert guest.map.nodes["claim"].title == "Edited alone" and len(guest.map.nodes) == 1
    back.close()


def test_check_2_a_delete_against_a_new_relation_hides_it_everywhere_and_undo_brings_it_back(tmp_path, hub, host):
    guest = joiner(tmp_path, hub, "guest")
    guest.execute(AddNode(title="Reason", node_id="reason"))
    hub.pump()
    for doc in (host, guest):
        hub.disconnect(doc.session)
    host.execute(DeleteNodes(("claim",)))
    guest.execute(Connect("reason", "claim", "attack", edge_id="e1"))
    for doc in (host, guest):
        hub.connect(doc.session)
    hub.pump()
    for doc in (host, guest):
        assert set(doc.map.nodes) == {"reason"} and not doc.map.edges
        assert not integrity(doc.path)
    host.undo()
    hub.pump()
    for doc in (host, guest):
        assert set(doc.map.nodes) == {"claim", "reason"} and set(doc.map.edges) == {"e1"}
    assert rows(host.path) == rows(guest.path)


def test_one_relation_per_ordered_pair_the_smallest_id_wins(tmp_path, hub, host):
    guest = joiner(tmp_path, hub, "guest")
    host.execute(AddNode(title="Reason", node_id="reason"))
    hub.pump()
    for doc in (host, guest):
        hub.disconnect(doc.session)
    host.execute(Connect("reason", "claim", "support", edge_id="e-b"))
    guest.execute(Connect("reason", "claim", "attack", edge_id="e-a"))
    for doc in (host, guest):
        hub.connect(doc.session)
    hub.pump()
    for doc in (host, guest):
        assert list(doc.map.edges) == ["e-a"] and doc.map.edges["e-a"].relation == "attack"
    assert rows(host.path) == rows(guest.path) and not integrity(host.path)


def test_check_8_undo_reverts_only_this_laptops_steps_one_per_command(tmp_path, hub, host):
    guest = joiner(tmp_path, hub, "guest")
    host.execute(EditNode("claim", {"title": "One"}))
    host.execute(EditNode("claim", {"title": "Two"}))       # at once: still two steps
    guest.execute(AddNode(title="Guest's", node_id="g"))
    hub.pump()
    assert host.undo_label == "Edit title"
    host.undo()
    hub.pump()
    assert guest.map.nodes["claim"].title == "One" and "g" in guest.map.nodes
    host.undo()
    hub.pump()
    for doc in (host, guest):
        assert doc.map.nodes["claim"].title == "Claim" and "g" in doc.map.nodes
    assert host.can_redo and guest.can_undo
    host.redo()
    hub.pump()
    assert guest.map.nodes["claim"].title == "One"


def test_character_edits_of_one_text_merge(tmp_path, hub, host):
    host.execute(EditNode("claim", {"text": "middle"}))
    guest = joiner(tmp_path, hub, "guest")
    for doc in (host, guest):
        hub.disconnect(doc.session)
    host.execute(EditNode("claim", {"text": "start middle"}))
    guest.execute(EditNode("claim", {"text": "middle end ünïcödé"}))
    for doc in (host, guest):
        hub.connect(doc.session)
    hub.pump()
    assert host.map.nodes["claim"].text == guest.map.nodes["claim"].text == "start middle end ünïcödé"


class RawPeer:
    """A peer that writes whatever it likes into the shared document, through the room."""

    def __init__(self, hub):
        self.doc = Doc()
        self.hub = hub
        self.sub = self.doc.observe(lambda ev: hub.queue.append(
            lambda u=ev.update: handle_sync_message(create_update_message(u)[1:], hub.doc)))
        handle_sync_message(create_sync_message(hub.doc)[1:], self.doc)
        reply = handle_sync_message(create_sync_message(self.doc)[1:], hub.doc)
        handle_sync_message(reply[1:], self.doc)

    def root(self, name):
        return self.doc.get(name, type=Map)


@pytest.mark.parametrize("field, value", [
    ("base_score", 7.0), ("base_score", "high"), ("kind", "bogus"), ("title", 12.0),
    ("collapsed", 1.0), ("tags", "[1, 2]"), ("tags", "not json"), ("x", float("inf")),
    ("title", "x" * 20_000), ("data", "[]"),
])
def test_check_7_a_peers_bad_value_changes_no_row_of_any_file(tmp_path, hub, host, field, value):
    guest = joiner(tmp_path, hub, "guest")
    before = rows(host.path)
    peer = RawPeer(hub)
    peer.root("nodes")["claim"][field] = value
    hub.pump()
    assert rows(host.path) == rows(guest.path) == before
    assert host.session.mirror.rejected and guest.session.mirror.rejected


def test_check_7_bad_new_records_and_settings_are_not_taken(tmp_path, hub, host):
    before = rows(host.path)
    peer = RawPeer(hub)
    with peer.doc.transaction():
        peer.root("nodes")["bad"] = Map({"id": "bad", "kind": "claim", "base_score": -1.0})
        peer.root("nodes")["stray"] = "not a record"
        peer.root("edges")["e"] = Map({"id": "e", "source": "claim", "target": "claim"})
        peer.root("assessments")["nobody"] = Map({"participant": "p", "target": "claim", "value": 0.5})
        peer.root("meta")["wrap_width"] = 1e12
        peer.root("meta")["semantics"] = "magic"
        peer.root("meta")["colour"] = "red"
    hub.pump()
    assert rows(host.path) == before


def test_a_good_value_after_a_bad_one_is_taken(tmp_path, hub, host):
    peer = RawPeer(hub)
    peer.root("nodes")["claim"]["base_score"] = 9.0
    hub.pump()
    peer.root("nodes")["claim"]["base_score"] = 0.75
    hub.pump()
    assert host.map.nodes["claim"].base_score == 0.75 and rows(host.path)["nodes"][0][4] == 0.75


def test_a_read_only_participants_updates_are_dropped_at_the_room(tmp_path, hub, host):
    guest = joiner(tmp_path, hub, "guest")
    hub.dropped.add(guest.session)
    guest.execute(AddNode(title="Not shared", node_id="mine"))
    host.execute(AddNode(title="Shared", node_id="theirs"))
    hub.pump()
    assert "mine" not in host.map.nodes and "theirs" in guest.map.nodes


def test_offline_edits_merge_on_reconnect_also_after_closing_and_reopening(tmp_path, hub, host):
    guest = joiner(tmp_path, hub, "guest")
    hub.disconnect(guest.session)
    guest.execute(AddNode(title="Offline one", node_id="off1"))
    assert guest.session.pending == 1
    path = guest.path
    guest.close()
    host.execute(EditNode("claim", {"title": "Meanwhile"}))
    back = Document.open(path)
    session = hub.session(back, seed=False)
    assert session.pending == 0 and "off1" in back.map.nodes
    back.execute(AddNode(title="Offline two", node_id="off2"))
    hub.connect(session)
    hub.pump()
    assert {"off1", "off2"} <= set(host.map.nodes) and back.map.nodes["claim"].title == "Meanwhile"
    assert rows(host.path) == rows(back.path)
    back.close()


def test_check_1_three_laptops_with_a_flaky_network_converge(tmp_path, hub, host):
    """The network-level check 1 (200 commands each) is in test_network.py; here 100 each
    with laptops dropping off and coming back while the room delivers a little at a time."""
    seed = 1
    guests = [joiner(tmp_path, hub, f"g{i}") for i in range(2)]
    docs = [host] + guests
    rngs = [random.Random(seed * 10 + i) for i in range(3)]
    net = random.Random(seed)
    for step in range(100):
        for i, doc in enumerate(docs):
            run_random(doc, rngs[i], f"p{i}", 1)
        if net.random() < 0.05:                 # someone drops off for a while
            victim = net.choice(docs).session
            if victim in hub.online:
                hub.disconnect(victim)
        elif net.random() < 0.2:
            for doc in docs:
                if doc.session not in hub.online:
                    hub.connect(doc.session)
        hub.pump(limit=net.randrange(1, 60))     # the network delivers a little at a time
    for doc in docs:
        if doc.session not in hub.online:
            hub.connect(doc.session)
    hub.pump()
    first = rows(host.path)
    assert len(first["nodes"]) > 10
    for doc in docs:
        assert rows(doc.path) == first
        assert not integrity(doc.path)
        assert doc.map == docs[0].map
        assert Document.open(doc.path, read_only=True).map == doc.map
    for doc in guests:
        doc.close()


def test_participants_assess_on_their_own_laptops_and_the_hosts_group_view_follows(tmp_path, hub, host):
    from app.model.commands import AddParticipant, Assess, AddNode as Add
    host.execute(Add(title="Reason", node_id="reason", parent="claim"))
    guests = [joiner(tmp_path, hub, f"g{i}") for i in range(2)]
    hub.pump()
    host.weighing.set_perspective("group")
    before = host.weighing.strength("claim")
    for i, (doc, value) in enumerate(zip(guests, (0.9, 1.0))):     # at the same time
        doc.execute(AddParticipant(f"P{i}", participant_id=f"p{i}"))
        doc.execute(Assess(f"p{i}", "reason", value))
    hub.pump()
    assert len(host.map.assessments) == 2 and host.weighing.perspective == "group"
    assert host.weighing.strength("claim") > before          # the median 0.95 over 0.5 strengthens it
    assert rows(host.path) == rows(guests[0].path) == rows(guests[1].path)


def test_steps_from_before_or_during_a_session_are_not_undone_after_it(tmp_path, hub, host):
    assert not host.can_undo, "the steps before the session are not the session's to undo"
    host.execute(EditNode("claim", {"title": "In the session"}))
    assert host.can_undo
    host.session.close()
    assert not host.can_undo and host.session is None
    host.execute(EditNode("claim", {"title": "After"}))
    host.undo()
    assert host.map.nodes["claim"].title == "In the session"


def test_session_changes_are_in_the_change_log_by_author_and_not_undone_after_reopening(tmp_path, hub, host):
    guest = joiner(tmp_path, hub, "guest")
    guest.author = "Ann"
    hub.pump()
    host.execute(EditNode("claim", {"title": "Host's words"}))
    hub.pump()
    guest.execute(EditNode("claim", {"text": "Ann's words"}))
    hub.pump()
    steps = [(s.author, s.label, s.state) for s in guest.log.steps(guest.store)]
    assert ("Ann", "Edit text", "dropped") in steps
    assert any(a.startswith("live session") and st == "dropped" for a, _, st in steps), steps
    path = guest.path
    guest.close()
    again = Document.open(path)
    try:
        assert not again.can_undo, "a session's steps are kept for the record, never undone later"
        assert again.map.nodes["claim"].text == "Ann's words"
    finally:
        again.close()


def test_what_the_room_sends_is_logged_under_the_name_of_the_laptop_that_made_it(tmp_path, hub, host):
    guest = Document.new(tmp_path / "ann.rmap")
    hub.connect(hub.session(guest, seed=False, name="Ann"))
    host.session.receive(guest.session.presence.message())      # presence, as the room relays it
    guest.execute(EditNode("claim", {"text": "Ann's words"}))
    hub.pump()
    steps = [(s.author, s.label) for s in host.log.steps(host.store)]
    assert steps[-1] == ("Ann", "Live update"), steps
    guest.close()
