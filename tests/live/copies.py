"""Two copies of one live session's map, edited apart offline (for the merge tests)."""

import sqlite3

from pycrdt import Doc, Map

from app.document.document import Document
from app.model.commands import AddNode, AddParticipant, Assess, Connect, DeleteNodes, EditNode, SetMeta

from .hub import Hub


def stored(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT seq, data FROM live_updates ORDER BY seq").fetchall()
    finally:
        conn.close()


def session_pair(tmp_path, name="host"):
    """A host and a guest that joined one session, then went apart and edited offline."""
    hub = Hub()
    host = Document.new(tmp_path / f"{name}.rmap")
    host.execute(SetMeta("title", "Shared map"))
    host.execute(AddNode(title="Claim", node_id="claim"))
    host.execute(AddNode(title="Doomed", node_id="doomed"))
    host.execute(AddNode(title="Reason", node_id="reason"))
    host.execute(Connect("reason", "claim", "support", edge_id="e1"))
    hub.connect(hub.session(host))
    guest = Document.new(tmp_path / f"{name}-guest.rmap")
    hub.connect(hub.session(guest, seed=False))
    hub.pump()
    for doc in (host, guest):
        hub.disconnect(doc.session)
    return host, guest


def edit_apart(host, guest):
    host.execute(EditNode("claim", {"title": "Claim, retitled by the host"}))
    host.execute(AddNode(title="Host's new card", node_id="h1"))
    host.execute(AddParticipant("Ann", participant_id="ann"))
    host.execute(Assess("ann", "claim", 0.8))
    guest.execute(EditNode("claim", {"text": "Words the guest wrote", "base_score": 0.3}))
    guest.execute(AddNode(title="Guest's new card", node_id="g1"))
    guest.execute(Connect("g1", "claim", "attack", edge_id="e2"))
    guest.execute(DeleteNodes(("doomed",)))


def hostile_update(path):
    """A well-formed update that sets the claim's score to a word (a hostile peer's value)."""
    doc = Doc()
    for (_, data) in stored(path):
        doc.apply_update(data)
    state = doc.get_state()
    doc.get("nodes", type=Map)["claim"]["base_score"] = "very high"
    return doc.get_update(state)


