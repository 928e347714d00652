"""Live sessions over real TLS websockets on loopback (issue 15's acceptance checks 1-8).

Every test starts its own host on a free port of 127.0.0.1 and is bounded in time: each wait
is ``settle`` (20 s at most) and each test runs under ``asyncio.wait_for``."""

import asyncio
import random
import sqlite3

import pytest
from pycrdt import Doc, Map, create_sync_message, create_update_message, handle_sync_message

from app.live.client import Refused, open_socket
from app.live.code import JoinCode
from app.model.commands import AddNode, Connect, DeleteNodes, EditNode, SetMeta

from .edits import integrity, rows, run_random
from .net import LiveGuest, LiveHost, settle

TEST_LIMIT = 120


def run(coro):
    asyncio.run(asyncio.wait_for(coro, TEST_LIMIT))


async def hosted(tmp_path, title="Workshop map"):
    from app.document import Document
    path = tmp_path / "host.rmap"
    doc = Document.new(path)
    doc.execute(SetMeta("title", title))
    doc.execute(AddNode(title="Claim", node_id="claim"))
    doc.close()
    return await LiveHost(path).start()


def same(*docs):
    return lambda: all(d.map == docs[0].map for d in docs[1:])


def test_check_4_a_participant_without_a_copy_ends_with_the_hosts_map_and_title(tmp_path):
    async def main():
        host = await hosted(tmp_path)
        guest = await LiveGuest(host.code, tmp_path / "guest.rmap").start()
        await settle(lambda: guest.connected and guest.doc.map == host.doc.map)
        assert guest.doc.map.meta["title"] == "Workshop map"
        await guest.stop()
        await host.stop()
        assert rows(guest.path) == rows(host.path)
    run(main())


def test_check_5_two_clients_joining_at_the_same_moment_both_sync_20_times_out_of_20(tmp_path):
    async def main():
        host = await hosted(tmp_path)
        for i in range(20):
            pair = [LiveGuest(host.code, tmp_path / f"r{i}-{k}.rmap", f"g{k}") for k in range(2)]
            await asyncio.gather(*(g.start() for g in pair))
            await settle(lambda: all(g.connected and g.doc.map == host.doc.map for g in pair),
                         what=f"both clients of round {i + 1} to sync")
            await asyncio.gather(*(g.stop() for g in pair))
        await host.stop()
    run(main())


def test_check_1_three_laptops_200_random_commands_each_converge_over_the_network(tmp_path):
    """All three laptops and the room share this one thread here, so every laptop's disk
    commits delay the others' relaying: the bound is generous. The 10 s bound of the issue is
    checked with three processes in test_cli_live.py."""
    async def main():
        host = await hosted(tmp_path)
        guests = [await LiveGuest(host.code, tmp_path / f"g{i}.rmap", f"g{i}").start() for i in range(2)]
        await settle(lambda: all(g.connected and g.doc.map == host.doc.map for g in guests))
        docs = [host.doc] + [g.doc for g in guests]
        rngs = [random.Random(100 + i) for i in range(3)]
        for _ in range(200):
            for i, doc in enumerate(docs):
                run_random(doc, rngs[i], f"p{i}", 1)
            await asyncio.sleep(0)              # the network delivers between commands
        await settle(same(*docs), limit=60, what="three laptops on one thread to converge")
        for g in guests:
            await g.stop()
        await host.stop()
        first = rows(host.path)
        assert len(first["nodes"]) > 20
        for path in [host.path] + [g.path for g in guests]:
            assert rows(path) == first and not integrity(path)
    run(main())


def test_check_2_a_delete_against_a_new_relation_hides_it_and_undo_restores_it_everywhere(tmp_path):
    async def main():
        host = await hosted(tmp_path)
        guest = await LiveGuest(host.code, tmp_path / "guest.rmap").start()
        guest.doc.execute(AddNode(title="Reason", node_id="reason"))
        await settle(lambda: guest.connected and "reason" in host.doc.map.nodes)
        host.doc.execute(DeleteNodes(("claim",)))        # at the same moment as ...
        guest.doc.execute(Connect("reason", "claim", "attack", edge_id="e1"))  # ... this
        await settle(lambda: not guest.doc.map.nodes.get("claim") and same(host.doc, guest.doc)())
        assert not host.doc.map.edges and not guest.doc.map.edges
        host.doc.undo()
        await settle(lambda: "e1" in guest.doc.map.edges and "e1" in host.doc.map.edges)
        await guest.stop()
        await host.stop()
        assert rows(host.path) == rows(guest.path) and not integrity(host.path)
    run(main())


def test_check_8_undo_reverts_only_the_local_step_one_per_command(tmp_path):
    async def main():
        host = await hosted(tmp_path)
        guest = await LiveGuest(host.code, tmp_path / "guest.rmap").start()
        await settle(lambda: guest.connected and guest.doc.map == host.doc.map)
        guest.doc.execute(EditNode("claim", {"title": "Guest's title"}))
        guest.doc.execute(EditNode("claim", {"text": "Guest's text"}))
        await settle(lambda: host.doc.map.nodes["claim"].text == "Guest's text")
        host.doc.execute(AddNode(title="Host's", node_id="h"))
        await settle(lambda: "h" in guest.doc.map.nodes)
        guest.doc.undo()
        await settle(lambda: host.doc.map.nodes["claim"].text == "")
        assert host.doc.map.nodes["claim"].title == "Guest's title" and "h" in host.doc.map.nodes
        assert not host.doc.can_undo or host.doc.undo_label == "Add claim"
        await guest.stop()
        await host.stop()
    run(main())


def test_check_3_offline_edits_merge_on_reconnect_also_after_closing_and_reopening(tmp_path):
    async def main():
        host = await hosted(tmp_path)
        path = tmp_path / "guest.rmap"
        guest = await LiveGuest(host.code, path).start()
        await settle(lambda: guest.connected and guest.doc.map == host.doc.map)
        await guest.stop(close=False)                           # Wi-Fi gone
        guest.doc.execute(AddNode(title="Offline one", node_id="off1"))
        guest.doc.close()                                       # and the app closed
        host.doc.execute(EditNode("claim", {"title": "Meanwhile at the host"}))
        from app.document import Document
        reopened = Document.open(path)                          # reopened, still offline
        assert "off1" in reopened.map.nodes
        reopened.execute(AddNode(title="Offline two", node_id="off2"))
        reopened.close()
        guest = await LiveGuest(host.code, path).start()        # back on the network
        await settle(lambda: {"off1", "off2"} <= set(host.doc.map.nodes)
                     and guest.doc.map.nodes["claim"].title == "Meanwhile at the host")
        await settle(same(host.doc, guest.doc))
        await guest.stop()
        await host.stop()
        assert rows(host.path) == rows(path)
    run(main())


def test_check_4_a_host_restart_mid_session_loses_and_duplicates_nothing(tmp_path):
    async def main():
        host = await hosted(tmp_path)
        code, port = host.code, host.code.port
        guests = [await LiveGuest(code, tmp_path / f"g{i}.rmap", f"g{i}").start() for i in range(2)]
        await settle(lambda: all(g.connected and g.doc.map == host.doc.map for g in guests))
        guests[0].doc.execute(AddNode(title="Before", node_id="before"))
        await settle(lambda: "before" in host.doc.map.nodes)
        await host.stop()                                       # the host goes away ...
        guests[0].doc.execute(AddNode(title="During", node_id="during"))
        guests[1].doc.execute(EditNode("claim", {"text": "edited while the host was down"}))
        host = await LiveHost(tmp_path / "host.rmap").start()    # ... and comes back
        assert host.code == code and host.code.port == port, "same code: everyone reconnects"
        docs = [host.doc] + [g.doc for g in guests]
        await settle(lambda: {"before", "during"} <= set(host.doc.map.nodes) and same(*docs)())
        host.doc.execute(AddNode(title="After", node_id="after"))
        await settle(same(*docs))
        assert sorted(host.doc.map.nodes) == ["after", "before", "claim", "during"]
        assert host.doc.map.nodes["claim"].text == "edited while the host was down"
        for g in guests:
            await g.stop()
        await host.stop()
        for g in guests:
            assert rows(g.path) == rows(host.path)
    run(main())


@pytest.mark.parametrize("change", ["token", "no token", "room", "certificate"])
def test_check_6_a_wrong_code_is_refused_and_nothing_is_written(tmp_path, change):
    async def main():
        host = await hosted(tmp_path)
        good = host.code
        bad = {"token": lambda c: c.__class__(c.host, c.port, c.room, "x" + c.token, c.fingerprint),
               "no token": lambda c: c.__class__(c.host, c.port, c.room, "", c.fingerprint),
               "room": lambda c: c.__class__(c.host, c.port, "elsewhere", c.token, c.fingerprint),
               "certificate": lambda c: c.__class__(c.host, c.port, c.room, c.token, "A" * 43),
               }[change](good)
        before = rows(host.path)
        with pytest.raises(Refused, match="Refused: "):
            await open_socket(bad, "peer", "intruder")
        assert rows(host.path) == before and host.host.server.peers == {}
        await host.stop()
    run(main())


def raw_peer_update(host_doc_update, change):
    """A pycrdt update a hostile peer would send: *change(doc)* on a copy of the room's doc."""
    doc = Doc()
    doc.apply_update(host_doc_update)
    state = doc.get_state()
    change(doc)
    return doc.get_update(state)


def test_check_7_a_peer_sending_bad_values_changes_no_file(tmp_path):
    async def main():
        host = await hosted(tmp_path)
        guest = await LiveGuest(host.code, tmp_path / "guest.rmap").start()
        await settle(lambda: guest.connected and guest.doc.map == host.doc.map)
        before = rows(host.path)

        def hostile(doc):
            node = doc.get("nodes", type=Map)["claim"]
            node["base_score"] = 1e9
            node["kind"] = 3.0
            doc.get("nodes", type=Map)["evil"] = Map({"id": "evil", "kind": "virus"})
            doc.get("meta", type=Map)["wrap_width"] = -5.0
        ws = await open_socket(host.code, "hostile", "hostile")
        await ws.send(create_update_message(raw_peer_update(host.host.session.mirror.doc.get_update(), hostile)))
        await ws.send(b"\x00\x07garbage")                           # and a broken message
        await settle(lambda: guest.session.mirror.rejected >= 3 and host.host.session.mirror.rejected >= 3)
        host.doc.execute(EditNode("claim", {"title": "Still editable"}))
        await settle(lambda: guest.doc.map.nodes["claim"].title == "Still editable")
        await ws.close()
        await guest.stop()
        await host.stop()
        after = rows(host.path)
        assert after["nodes"][0][2] == "Still editable"
        before["nodes"] = [r[:2] + ("Still editable",) + r[3:-1] for r in before["nodes"]]
        assert [r[:-1] for r in after["nodes"]] == before["nodes"], "nothing but the title changed"
        assert rows(guest.path) == after
    run(main())


def test_a_read_only_participants_changes_are_dropped_at_the_room(tmp_path):
    async def main():
        host = await hosted(tmp_path)
        guest = await LiveGuest(host.code, tmp_path / "guest.rmap").start()
        await settle(lambda: guest.connected and guest.doc.map == host.doc.map)
        host.host.server.read_only.add(guest.part.connection.peer)
        guest.doc.execute(AddNode(title="Not taken", node_id="no"))
        host.doc.execute(AddNode(title="Shared", node_id="yes"))
        await settle(lambda: "yes" in guest.doc.map.nodes)
        await asyncio.sleep(0.3)
        assert "no" not in host.doc.map.nodes
        await guest.stop()
        await host.stop()
    run(main())


def test_presence_shows_who_is_there_their_colour_and_selected_card_and_who_left(tmp_path, monkeypatch):
    from app.live import presence, runner
    monkeypatch.setattr(presence, "GONE_AFTER", 1.0)        # a vanished laptop goes quickly
    monkeypatch.setattr(runner, "RENEW_EVERY", 0.2)
    monkeypatch.setattr(presence, "RENEW_EVERY", 0.2)

    async def main():
        host = await hosted(tmp_path)
        ann = await LiveGuest(host.code, tmp_path / "ann.rmap", "Ann").start()
        bo = await LiveGuest(host.code, tmp_path / "bo.rmap", "Bo").start()
        names = lambda s: sorted(p.name for p in s.presence.people())   # noqa: E731
        hs = host.host.session
        await settle(lambda: names(hs) == ["Ann", "Bo", "host"] and names(ann.session) == ["Ann", "Bo", "host"])
        assert all(p.colour.startswith("#") for p in hs.presence.people())
        ann.session.select("claim")
        await settle(lambda: [p.selected for p in bo.session.presence.people() if p.name == "Ann"] == ["claim"])
        await bo.stop()                                           # leaves cleanly: gone at once
        await settle(lambda: names(hs) == ["Ann", "host"], limit=0.9)
        ann.part.connection._stopped.set()                        # vanishes without a word
        ann.part.connection.drop()
        await settle(lambda: names(hs) == ["host"], limit=10)
        await ann.stop()
        await host.stop()
    run(main())
