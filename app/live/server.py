"""The host's room: a pycrdt-websocket ``YRoom`` served over TLS websockets.

The room is made and started, holding the host's shared document, BEFORE the server accepts
anyone (a room made lazily on the first connection can leave a second client joining at the
same moment waiting for ever), and it is kept while people come and go.

Every connection must name the session's room and carry its token (compared in constant
time); anything else is refused during the handshake, before a byte of the map is sent. A
participant the host made read-only still receives every change, but the changes it sends
are dropped at the room.

The host's own session is a client of the room like any other, through an in-process link
(``LocalLink``) instead of a socket.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from http import HTTPStatus
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from anyio import create_memory_object_stream
from pycrdt import Decoder, Doc, YMessageType, create_awareness_message, read_message
from pycrdt.websocket import YRoom
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed

from .rights import notice
from .tls import Credentials

log = logging.getLogger(__name__)
MAX_MESSAGE = 64 * 1024 * 1024
PING_INTERVAL = 5.0          # a vanished laptop is dropped within about twice this


def peer_of(path: str) -> tuple[str, str]:
    """(peer id, display name) a client gave in its request path."""
    query = parse_qs(urlsplit(path).query)
    peer = query.get("peer", [""])[0][:64]
    name = query.get("name", [""])[0][:80]
    return peer or secrets.token_hex(8), name or "participant"


AWARENESS = bytes([YMessageType.AWARENESS])


def awareness_clients(message: bytes) -> set[int]:
    """The client ids an awareness message speaks for (empty if malformed)."""
    try:
        decoder = Decoder(read_message(message[1:]))
        out = set()
        for _ in range(decoder.read_var_uint()):
            out.add(decoder.read_var_uint())
            decoder.read_var_uint()
            decoder.read_var_string()
        return out
    except Exception:
        return set()


def is_change(message: bytes) -> bool:
    """True for a sync message that carries changes (step 2 or an update), not a request."""
    return len(message) > 1 and message[0] == 0 and message[1] != 0


class _SocketChannel:
    """A websocket as the channel a YRoom serves; drops a read-only peer's changes."""

    def __init__(self, ws, peer: str, read_only: Callable[[str], bool]) -> None:
        self.ws, self.peer, self.read_only = ws, peer, read_only
        self.clients: set[int] = set()      # awareness client ids this laptop spoke for

    @property
    def path(self) -> str:
        return self.peer

    def __aiter__(self):
        return self

    async def __anext__(self) -> bytes:
        while True:
            try:
                message = await self.ws.recv()
            except ConnectionClosed:
                raise StopAsyncIteration from None
            if isinstance(message, bytes) and not (is_change(message) and self.read_only(self.peer)):
                if message[:1] == AWARENESS:
                    self.clients |= awareness_clients(message)
                return message

    async def recv(self) -> bytes:
        return await self.__anext__()

    async def send(self, message: bytes) -> None:
        try:
            await self.ws.send(message)
        except ConnectionClosed:
            pass


class LocalLink:
    """The host's session joined to its own room in-process. ``deliver(fn, *args)`` runs a
    call on the thread owning the host's document."""

    def __init__(self, deliver: Callable) -> None:
        self.deliver = deliver
        self._in, self._out = create_memory_object_stream(max_buffer_size=float("inf"))
        self.session_receive: Callable[[bytes], None] | None = None
        self.closed = False

    # the room's side
    @property
    def path(self) -> str:
        return "host"

    def __aiter__(self):
        return self

    async def __anext__(self) -> bytes:
        try:
            return await self._out.receive()
        except Exception:
            raise StopAsyncIteration from None

    async def recv(self) -> bytes:
        return await self.__anext__()

    async def send(self, message: bytes) -> None:
        if self.session_receive is not None and not self.closed:
            self.deliver(self.session_receive, message)

    # the session's side (called on any thread through the loop)
    def from_session(self, loop: asyncio.AbstractEventLoop) -> Callable[[bytes], None]:
        def send(message: bytes) -> None:
            if not self.closed and not loop.is_closed():    # after the room stopped: dropped
                loop.call_soon_threadsafe(self._put, message)
        return send

    def _put(self, message: bytes) -> None:
        if not self.closed:
            self._in.send_nowait(message)

    def close(self) -> None:
        self.closed = True
        self._in.close()


class RoomServer:
    """Serve *room_id* with *token* over TLS on (bind, port). Use ``async with``."""

    def __init__(self, room_id: str, token: str, credentials: Credentials, *,
                 bind: str = "0.0.0.0", port: int = 0) -> None:
        self.room_id, self.token, self.credentials = room_id, token, credentials
        self.bind, self.port = bind, port
        self.read_only: set[str] = set()
        self.peers: dict[str, str] = {}              # connected peer id -> name
        self._sockets: dict[str, object] = {}        # connected peer id -> its websocket
        self.peers_changed: Callable[[dict], None] | None = None
        self.room: YRoom | None = None
        self._server = None
        self._tasks: list[asyncio.Task] = []

    async def start(self, initial_update: bytes) -> None:
        """Make and start the room holding *initial_update* (the host's whole shared
        document), then listen."""
        doc = Doc()
        if initial_update:
            doc.apply_update(initial_update)
        self.room = YRoom(ready=True, ydoc=doc, exception_handler=_log_and_go_on, log=log)
        started = asyncio.Event()
        self._tasks.append(asyncio.create_task(self._run_room(started)))
        await started.wait()
        self._server = await serve(self._handle, self.bind, self.port, ssl=self.credentials.server_context(),
                                   process_request=self._check, max_size=MAX_MESSAGE,
                                   ping_interval=PING_INTERVAL, ping_timeout=PING_INTERVAL)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _run_room(self, started: asyncio.Event) -> None:
        async with self.room:
            started.set()
            await asyncio.Event().wait()

    def attach(self, link: LocalLink) -> None:
        """Serve the host's own session through *link*."""
        self._tasks.append(asyncio.create_task(self.room.serve(link)))

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for task in reversed(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()

    async def set_read_only(self, peer: str, read_only: bool) -> None:
        """Drop (or take again) *peer*'s changes at the room, and tell that laptop so."""
        (self.read_only.add if read_only else self.read_only.discard)(peer)
        ws = self._sockets.get(peer)
        if ws is not None:
            await _send_quietly(ws, notice(read_only))

    def _check(self, connection, request):
        """Refuse a wrong room or token before the handshake completes."""
        parts = urlsplit(request.path)
        token = parse_qs(parts.query).get("token", [""])[0]
        if parts.path.lstrip("/") != self.room_id:
            return connection.respond(HTTPStatus.NOT_FOUND, "This host has no such live session\n")
        if not secrets.compare_digest(token.encode(), self.token.encode()):
            return connection.respond(HTTPStatus.FORBIDDEN, "Wrong or missing session token\n")
        return None

    async def _handle(self, ws) -> None:
        peer, name = peer_of(ws.request.path)
        self.peers[peer] = name
        self._sockets[peer] = ws
        self._peers_changed()
        if peer in self.read_only:             # a read-only laptop that reconnects is told again
            await _send_quietly(ws, notice(True))
        channel = _SocketChannel(ws, peer, lambda p: p in self.read_only)
        try:
            await self.room.serve(channel)
        finally:
            if self._sockets.get(peer) is ws:
                self.peers.pop(peer, None)
                self._sockets.pop(peer, None)
            self._peers_changed()
            await self._forget_presence(channel.clients)

    async def _forget_presence(self, clients: set[int]) -> None:
        """A laptop's connection ended (closed, or its pings went unanswered): its presence
        goes from every other laptop now, not only when it would have gone stale."""
        awareness = self.room.awareness if self.room is not None else None
        gone = [c for c in clients if awareness is not None and c in awareness.states]
        if not gone:
            return
        awareness.remove_awareness_states(gone, "gone")
        message = create_awareness_message(awareness.encode_awareness_update(gone))
        for client in list(self.room.clients):
            try:
                await client.send(message)
            except Exception:
                pass

    def _peers_changed(self) -> None:
        if self.peers_changed is not None:
            self.peers_changed(dict(self.peers))


async def _send_quietly(ws, message: bytes) -> None:
    try:
        await ws.send(message)
    except ConnectionClosed:
        pass


def _log_and_go_on(exc: Exception, logger) -> bool:
    logger.warning("live room: %s", exc)
    return True
