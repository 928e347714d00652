"""Running a live session: the host's room with the host's own document, or a participant's
connection with theirs. Qt-free; the CLI runs these on one asyncio loop, the window runs the
network part on a network thread and the document part on its own thread.

``deliver(fn, *args)`` runs a call on the thread that owns the Document (in the headless
commands that is the loop's own thread: ``loop.call_soon``). Every call into the Document or
its shared document goes through it; the network side only moves bytes.
"""

from __future__ import annotations

import asyncio
import secrets
import socket
import uuid
from pathlib import Path
from typing import Callable

from ..document import Document
from ..model import ReasonmapError
from .client import Connection, Refused, open_socket
from .code import JoinCode, fingerprint_text
from .server import LocalLink, RoomServer
from .presence import RENEW_EVERY
from .session import BATCH_SECONDS, LiveSession
from .tls import Credentials

Deliver = Callable[..., None]
Later = Callable[[float, Callable[[], None]], object]


def keep_ticking(session: LiveSession, later: Later | None) -> None:
    """Call ``session.tick()`` every RENEW_EVERY seconds while it is attached."""
    if later is None:
        return

    def tick() -> None:
        if session.document.session is session:
            session.tick()
            later(RENEW_EVERY, tick)
    later(RENEW_EVERY, tick)


def batched(later: Later | None, deliver: Deliver):
    """The session's flush scheduler: one commit for what arrives within BATCH_SECONDS."""
    if later is None:
        return lambda fn: deliver(fn)
    return lambda fn: later(BATCH_SECONDS, fn)


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent), or loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))        # TEST-NET-1: only picks a route
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def host_settings(session: LiveSession, *, new_code: bool = False) -> tuple[str, str, Credentials]:
    """(room, token, credentials) of this map's session: kept in the file, so a host that
    restarts keeps its code and everyone reconnects by themselves; *new_code* makes new ones."""
    state = session.state
    room = state.get("room") or uuid.uuid4().hex
    if new_code or not state.get("host_token"):
        cred = Credentials.make()
        token = secrets.token_urlsafe(24)          # 192 bits
        session.save_state({"room": room, "role": "host", "host_token": token,
                            "host_cert": cred.cert_pem, "host_key": cred.key_pem})
        return room, token, cred
    return room, state["host_token"], Credentials.from_pem(state["host_cert"], state["host_key"])


class Host:
    """The host's side: its session, its room (made before anyone may join), its code."""

    def __init__(self, document: Document, deliver: Deliver, *, bind: str = "0.0.0.0",
                 port: int | None = None, new_code: bool = False, later: Later | None = None,
                 name: str = "host") -> None:
        self.document = document
        self.deliver = deliver
        self.session = LiveSession(document, seed=True, name=name, schedule=batched(later, deliver))
        keep_ticking(self.session, later)
        self.room, self.token, self.credentials = host_settings(self.session, new_code=new_code)
        if port is None:
            port = int(self.session.state.get("host_port", 0))
        self.server = RoomServer(self.room, self.token, self.credentials, bind=bind, port=port)
        self.address = lan_address() if bind in ("0.0.0.0", "::", "") else bind
        self.link: LocalLink | None = None

    @property
    def code(self) -> JoinCode:
        return JoinCode(self.address, self.server.port, self.room, self.token,
                        fingerprint_text(self.credentials.digest))

    async def start(self, initial_update: bytes) -> None:
        """On the network loop: make the room from *initial_update*, listen, join it."""
        try:
            await self.server.start(initial_update)
        except OSError as exc:
            raise ReasonmapError(f"Cannot listen on {self.server.bind}:{self.server.port}: "
                                 f"{exc.strerror or exc}") from None
        loop = asyncio.get_running_loop()
        self.link = LocalLink(self.deliver)
        self.link.session_receive = self.session.receive
        self.server.attach(self.link)
        send = self.link.from_session(loop)
        self.deliver(self.session.connected, send)
        self.deliver(self.session.save_state, {"host_port": self.server.port})

    async def stop(self) -> None:
        if self.link is not None:
            self.link.close()
        await self.server.stop()


class Participant:
    """A participant's side: a local .rmap kept in sync with the host's room."""

    def __init__(self, code: JoinCode, deliver: Deliver, *, name: str = "participant",
                 later: Later | None = None) -> None:
        self.code, self.deliver, self.name, self.later = code, deliver, name, later
        self.session: LiveSession | None = None
        self.refusal = ""
        self.connection: Connection | None = None

    def attach(self, document: Document) -> LiveSession:
        """Join *document* to the session (on the document's thread): a copy of another
        session is refused; a fresh file seeds nothing."""
        session = LiveSession(document, seed=False, name=self.name,
                              schedule=batched(self.later, self.deliver))
        room = session.state.get("room")
        if room not in (None, self.code.room):
            session.close()
            raise ReasonmapError(f"{document.path.name} is a copy of another live session; "
                                 "join with a new file name")
        session.save_state({"room": self.code.room, "role": "participant", "code": str(self.code)})
        self.session = session
        keep_ticking(session, self.later)
        return session

    async def run(self, first=None) -> None:
        """On the network loop: keep connected until stopped or refused."""
        session = self.session
        self.connection = Connection(
            self.code, name=self.name,
            on_message=lambda m: self.deliver(session.receive, m),
            on_up=lambda send: self.deliver(session.connected, send),
            on_down=lambda status: self.deliver(session.disconnected, status),
            on_refused=self._refused)
        await self.connection.run(first)

    def _refused(self, message: str) -> None:
        self.refusal = message
        self.deliver(self.session.disconnected, "refused")

    async def stop(self) -> None:
        if self.connection is not None:
            await self.connection.stop()


async def probe(code: JoinCode, name: str = "participant"):
    """An open websocket to the code's room, or Refused / OSError (nothing is written)."""
    return await open_socket(code, secrets.token_hex(8), name)


def open_copy(path: Path) -> Document:
    """The participant's local copy: resumed if it exists, else a new empty map."""
    return Document.open(path) if path.exists() else Document.new(path)


__all__ = ["Host", "Participant", "Refused", "probe", "open_copy", "lan_address"]
