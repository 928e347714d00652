"""A participant's connection to a host: pinned TLS, the token, reconnection with backoff.

Before anything is sent (the token included), the host's certificate is read and its SHA-256
digest compared with the join code's fingerprint; the websocket is then opened with a TLS
context that trusts exactly that certificate. A refusal (wrong certificate, token or room)
stops the connection with one message; a network failure only makes it wait and try again,
the wait doubling from ``FIRST_DELAY`` up to ``MAX_DELAY`` (with jitter), while the map keeps
working offline.

The connection runs on an asyncio loop and only moves bytes: ``on_message``, ``on_up`` and
``on_down`` are called on that loop (the caller moves them to the document's thread), and the
``send`` given to ``on_up`` may be called from any thread.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import random
import secrets
import ssl
from http import HTTPStatus
from typing import Callable
from urllib.parse import urlencode

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from ..model import ReasonmapError
from .code import JoinCode, fingerprint_text
from .server import MAX_MESSAGE, PING_INTERVAL
from .tls import pinned_context, probe_context

FIRST_DELAY, MAX_DELAY = 0.25, 5.0
OPEN_TIMEOUT = 5.0


class Refused(ReasonmapError):
    """The host (or whoever answered) refused us, or is not the host of the code."""


async def host_certificate(code: JoinCode) -> bytes:
    """The certificate the address of *code* presents, if it is the pinned one (else Refused)."""
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(code.host, code.port, ssl=probe_context()), OPEN_TIMEOUT)
    try:
        der = writer.get_extra_info("ssl_object").getpeercert(binary_form=True)
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except (OSError, ssl.SSLError):
            pass
    if not der or not hmac.compare_digest(hashlib.sha256(der).digest(), code.digest):
        got = fingerprint_text(hashlib.sha256(der or b"").digest())[:12]
        raise Refused(f"Refused: {code.host}:{code.port} is not the host of this join code (its "
                      f"certificate's fingerprint starts {got}, the code's {code.fingerprint[:12]})")
    return der


async def open_socket(code: JoinCode, peer: str, name: str):
    """An open websocket to the code's room (Refused, or OSError/TimeoutError to retry)."""
    der = await host_certificate(code)
    query = urlencode({"token": code.token, "peer": peer, "name": name})
    host = f"[{code.host}]" if ":" in code.host else code.host
    try:
        return await connect(f"wss://{host}:{code.port}/{code.room}?{query}", ssl=pinned_context(der),
                             server_hostname=code.host, proxy=None, open_timeout=OPEN_TIMEOUT,
                             max_size=MAX_MESSAGE, ping_interval=PING_INTERVAL,
                             ping_timeout=PING_INTERVAL, compression=None)
    except InvalidStatus as exc:
        status = exc.response.status_code
        if status == HTTPStatus.FORBIDDEN:
            raise Refused("Refused: the host did not accept this code's token (ask for the current code)") from None
        if status == HTTPStatus.NOT_FOUND:
            raise Refused("Refused: the host has no such live session (the code's room is wrong or over)") from None
        raise Refused(f"Refused: the host answered {status}") from None
    except ssl.SSLCertVerificationError:
        raise Refused("Refused: the host's certificate changed while connecting") from None
    except InvalidHandshake as exc:
        raise OSError(str(exc)) from None


async def open_plain(url: str):
    """A websocket to any y-websocket-compatible server at *url* (``ws://host:port/room``),
    such as the reference ``@y/websocket-server`` or Hocuspocus: the path to a larger server
    than one laptop. It carries no join code (no pinned certificate, no token): whoever runs
    that server secures it."""
    return await connect(url, proxy=None, open_timeout=OPEN_TIMEOUT, max_size=MAX_MESSAGE,
                         ping_interval=PING_INTERVAL, ping_timeout=PING_INTERVAL, compression=None)


class Connection:
    """Keep one participant connected to the room of *code* (or whatever *opener* opens)
    until ``stop()``."""

    def __init__(self, code: JoinCode | None, *, name: str = "participant", peer: str | None = None,
                 on_message: Callable[[bytes], None], on_up: Callable[[Callable[[bytes], None]], None],
                 on_down: Callable[[str], None], on_refused: Callable[[str], None],
                 opener: Callable[[], object] | None = None) -> None:
        self.code, self.name, self.opener = code, name, opener
        self.peer = peer or secrets.token_hex(8)
        self.on_message, self.on_up, self.on_down, self.on_refused = on_message, on_up, on_down, on_refused
        self.attempts = 0
        self._stopped = asyncio.Event()
        self._ws = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def run(self, first=None) -> None:
        """Connect (or use the already open *first* websocket), serve, reconnect on failure."""
        self._loop = asyncio.get_running_loop()
        delay = FIRST_DELAY
        while not self._stopped.is_set():
            ws, first = first, None
            if ws is None:
                try:
                    self.attempts += 1
                    ws = await (self.opener() if self.opener else open_socket(self.code, self.peer, self.name))
                except Refused as exc:
                    self.on_refused(str(exc))
                    return
                except (OSError, asyncio.TimeoutError, ConnectionClosed):
                    self.on_down("reconnecting")
                    await self._sleep(delay * (0.75 + random.random() / 2))
                    delay = min(delay * 2, MAX_DELAY)
                    continue
            delay = FIRST_DELAY
            await self._serve(ws)
            if not self._stopped.is_set():
                self.on_down("reconnecting")

    async def _serve(self, ws) -> None:
        self._ws = ws
        self._queue = queue = asyncio.Queue()
        writer = asyncio.create_task(self._write(ws, queue))
        self.on_up(lambda message: self._loop.is_closed() or
                   self._loop.call_soon_threadsafe(queue.put_nowait, message))
        try:
            async for message in ws:
                if isinstance(message, bytes):
                    self.on_message(message)
        except ConnectionClosed:
            pass
        finally:
            self._ws = None
            writer.cancel()
            await ws.close()

    async def _write(self, ws, queue: asyncio.Queue) -> None:
        try:
            while True:
                await ws.send(await queue.get())
        except ConnectionClosed:
            pass

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stopped.wait(), seconds)
        except asyncio.TimeoutError:
            pass

    async def stop(self, drain: float = 0.5) -> None:
        """Stop; what was already handed to ``send`` goes out first (waiting *drain* s at most)."""
        self._stopped.set()
        end = asyncio.get_running_loop().time() + drain
        queue = getattr(self, "_queue", None)
        while self._ws is not None and queue is not None and not queue.empty() \
                and asyncio.get_running_loop().time() < end:
            await asyncio.sleep(0.01)
        if self._ws is not None:
            await self._ws.close()

    def drop(self) -> None:
        """Close the current socket as a network failure would (it reconnects)."""
        if self._ws is not None and self._loop is not None:
            self._loop.create_task(self._ws.close())
