"""Finding live sessions on the local network (DNS-SD over multicast DNS, python-zeroconf).

The host announces ``_reasonmap._tcp`` with the map's title, its room and its certificate's
fingerprint in the TXT record, and never the token: whoever hears the announcement still
needs the token (the host's join code) to get in. A participant's Join dialog lists what it
hears; picking a session fills in where it is, and the participant types or pastes the
token or the whole code. Because anyone on the network could announce a session of the same
title, each entry shows a few check letters of the fingerprint that the host's code window
shows too.

Everything here runs on zeroconf's own threads and never blocks the caller: starting,
stopping and a network that drops multicast (many guest Wi-Fis do) only mean that nothing
is found, and the typed code stays the way in. ``REASONMAP_LAN_DISCOVERY=off`` turns
discovery off; ``=loopback`` keeps it on this machine (the tests use that).
"""

from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass

from .code import JoinCode

SERVICE = "_reasonmap._tcp.local."
LOOKUP_MS = 1500          # how long resolving one announced session may take
MAX_TITLE = 200


@dataclass(frozen=True)
class Found:
    """A session heard on the network."""
    name: str                 # the service instance name (unique on the network)
    title: str
    host: str
    port: int
    room: str
    fingerprint: str

    @property
    def check(self) -> str:
        return check_letters(self.fingerprint)

    def code(self, token: str) -> JoinCode:
        """The join code of this session with *token* (checked like a typed code)."""
        return JoinCode.parse(str(JoinCode(self.host, self.port, self.room, token.strip(), self.fingerprint)))


def check_letters(fingerprint: str) -> str:
    """Eight letters of a certificate fingerprint, to compare with the host's screen.

    >>> check_letters("abcdefghijk")
    'ABCD-EFGH'
    """
    text = fingerprint.upper()[:8]
    return f"{text[:4]}-{text[4:]}"


def interfaces(bind: str | None = None):
    """Where to announce or listen: None (discovery off), a list of addresses, or every
    interface (zeroconf's InterfaceChoice.All)."""
    from zeroconf import InterfaceChoice
    mode = os.environ.get("REASONMAP_LAN_DISCOVERY", "").strip().lower()
    if mode == "off":
        return None
    if mode == "loopback":
        return ["127.0.0.1"]
    if bind and bind not in ("0.0.0.0", "::"):
        return [bind]
    return InterfaceChoice.All


def _zeroconf(where):
    from zeroconf import IPVersion, Zeroconf
    return Zeroconf(interfaces=where, ip_version=IPVersion.V4Only)


class Announcer:
    """Announce one session until ``stop()``; ``problem`` says why not, if it could not."""

    def __init__(self, code: JoinCode, title: str, bind: str | None = None) -> None:
        self.code, self.title = code, (title or "Untitled map")[:MAX_TITLE]
        self.where = interfaces(bind)
        self.problem = ""
        self.announced = threading.Event()
        self._lock = threading.Lock()
        self._zc = self._info = None
        self._stopped = False

    def info(self):
        from zeroconf import ServiceInfo
        label = f"{self.title[:40]} ({self.code.room[:6]})".replace(".", " ")
        return ServiceInfo(SERVICE, f"{label}.{SERVICE}", port=self.code.port,
                           addresses=[socket.inet_aton(self.code.host)],
                           properties={"title": self.title, "room": self.code.room,
                                       "fp": self.code.fingerprint, "v": "1"},
                           server=f"reasonmap-{self.code.room[:12]}.local.")

    def start(self) -> "Announcer":
        if self.where is not None:
            threading.Thread(target=self._run, name="reasonmap-announce", daemon=True).start()
        return self

    def _run(self) -> None:
        try:
            info, zc = self.info(), _zeroconf(self.where)
            with self._lock:
                self._zc, self._info = zc, info
                if self._stopped:
                    return self._close()
            zc.register_service(info, allow_name_change=True)
            self.announced.set()
        except Exception as exc:       # no interface, multicast refused, a bad address…
            self.problem = str(exc) or type(exc).__name__
        with self._lock:
            if self._stopped:
                self._close()

    def stop(self, wait: float = 0.0) -> None:
        """Withdraw the announcement in the background; returns at once, or once it is
        withdrawn but after *wait* seconds at most (a program about to exit)."""
        closing = None
        with self._lock:
            self._stopped = True
            if self._zc is not None:
                closing = threading.Thread(target=self._close, name="reasonmap-unannounce", daemon=True)
                closing.start()
        if closing is not None and wait > 0:
            closing.join(wait)

    def _close(self) -> None:
        zc, info, self._zc = self._zc, self._info, None
        if zc is None:
            return
        try:
            if info is not None and self.announced.is_set():
                zc.unregister_service(info)
        except Exception:
            pass
        zc.close()


class Browser:
    """Listen for announced sessions until ``stop()``; ``sessions()`` is what was heard."""

    def __init__(self) -> None:
        self.where = interfaces()
        self.problem = ""
        self._found: dict[str, Found] = {}
        self._lock = threading.Lock()
        self._zc = None
        self._stopped = False

    def start(self) -> "Browser":
        if self.where is not None:
            threading.Thread(target=self._run, name="reasonmap-browse", daemon=True).start()
        return self

    def _run(self) -> None:
        from zeroconf import ServiceBrowser
        try:
            zc = _zeroconf(self.where)
        except Exception as exc:
            self.problem = str(exc) or type(exc).__name__
            return
        with self._lock:
            if self._stopped:
                return zc.close()
            self._zc = zc
            try:
                self._browser = ServiceBrowser(zc, SERVICE, handlers=[self._changed])
            except Exception as exc:
                self.problem = str(exc) or type(exc).__name__

    def _changed(self, zeroconf, service_type, name, state_change) -> None:
        from zeroconf import ServiceStateChange
        if state_change is ServiceStateChange.Removed:
            with self._lock:
                self._found.pop(name, None)
            return
        found = found_of(name, zeroconf.get_service_info(service_type, name, LOOKUP_MS))
        with self._lock:
            if found is not None:
                self._found[name] = found

    def sessions(self) -> list[Found]:
        with self._lock:
            return sorted(self._found.values(), key=lambda f: (f.title.lower(), f.host, f.port))

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            zc, self._zc = self._zc, None
        if zc is not None:
            threading.Thread(target=zc.close, name="reasonmap-unbrowse", daemon=True).start()


def found_of(name: str, info) -> Found | None:
    """A heard session, or None if its record is incomplete or not ours (a hostile or
    broken announcement is left out, never shown half)."""
    if info is None or not info.parsed_addresses() or not info.port:
        return None
    props = {k.decode("utf-8", "replace"): (v or b"").decode("utf-8", "replace")
             for k, v in (info.properties or {}).items() if isinstance(k, bytes)}
    title = "".join(ch for ch in " ".join(props.get("title", "").split()) if ch.isprintable())
    title = title[:MAX_TITLE] or "Untitled map"
    try:
        found = Found(name, title, info.parsed_addresses()[0], int(info.port),
                      props.get("room", ""), props.get("fp", ""))
        found.code("probe")          # the same checks as a typed code
    except Exception:
        return None
    return found
