"""The host's read-only switch as the participant meets it, and presence leaving with the
connection (not only when it goes stale). Real TLS websockets on loopback, bounded waits."""

import asyncio

import pytest

from app.live.session import READ_ONLY
from app.model import ReasonmapError
from app.model.commands import AddNode

from .edits import rows
from .net import LiveGuest, settle
from .test_network import hosted, run


def test_a_participant_made_read_only_is_told_and_its_edits_are_refused_locally(tmp_path):
    async def main():
        host = await hosted(tmp_path)
        guest = await LiveGuest(host.code, tmp_path / "guest.rmap").start()
        await settle(lambda: guest.connected and guest.doc.map == host.doc.map)
        told = []
        guest.session.status_changed.append(lambda _s: told.append(guest.session.read_only))
        await host.host.server.set_read_only(guest.part.connection.peer, True)
        await settle(lambda: guest.session.read_only, what="the participant to be told")
        assert told == [True]
        before = rows(guest.path)
        with pytest.raises(ReasonmapError) as refused:
            guest.doc.execute(AddNode(title="Not taken", node_id="no"))
        assert str(refused.value) == READ_ONLY
        assert "no" not in guest.doc.map.nodes and rows(guest.path) == before
        host.doc.execute(AddNode(title="Shared", node_id="yes"))       # still receives
        await settle(lambda: "yes" in guest.doc.map.nodes)
        await host.host.server.set_read_only(guest.part.connection.peer, False)
        await settle(lambda: not guest.session.read_only, what="the lift to arrive")
        guest.doc.execute(AddNode(title="Taken again", node_id="again"))
        await settle(lambda: "again" in host.doc.map.nodes)
        await guest.stop()
        await host.stop()
    run(main())


def test_a_read_only_laptop_that_reconnects_is_told_again(tmp_path):
    async def main():
        host = await hosted(tmp_path)
        guest = await LiveGuest(host.code, tmp_path / "guest.rmap").start()
        await settle(lambda: guest.connected)
        await host.host.server.set_read_only(guest.part.connection.peer, True)
        await settle(lambda: guest.session.read_only)
        guest.session.read_only = False             # as a laptop that restarted would be
        guest.part.connection.drop()
        await settle(lambda: guest.session.read_only, what="the notice on reconnecting")
        await guest.stop()
        await host.stop()
    run(main())


def test_a_laptop_whose_connection_ends_without_goodbye_leaves_everyones_presence(tmp_path):
    """GONE_AFTER (15 s) is left as it is: the room forgets the laptop's presence as soon as
    its connection ends (closed, or dropped by the ping timeout)."""
    async def main():
        host = await hosted(tmp_path)
        ann = await LiveGuest(host.code, tmp_path / "ann.rmap", "Ann").start()
        bo = await LiveGuest(host.code, tmp_path / "bo.rmap", "Bo").start()
        names = lambda s: sorted(p.name for p in s.presence.people())   # noqa: E731
        await settle(lambda: names(host.host.session) == ["Ann", "Bo", "host"] == names(bo.session))
        ann.session.select("claim")
        await settle(lambda: any(p.selected == "claim" for p in bo.session.presence.people()))
        ann.part.connection._stopped.set()           # no goodbye, no reconnect
        ann.part.connection.drop()
        await settle(lambda: names(host.host.session) == ["Bo", "host"] == names(bo.session), limit=5,
                     what="Ann's presence to go with her connection")
        await asyncio.gather(ann.stop(), bo.stop())
        await host.stop()
    run(main())
