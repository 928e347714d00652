"""The window's live session: hosting the open map or joining one, on a network thread.

The network (room, sockets) runs on one ``NetworkThread``; the Document and its shared
document stay on the GUI thread, reached through ``GuiCalls``. The GUI never waits on the
network: joining probes the host in the background and opens the copy only once the host
has accepted the code (a refused code writes nothing). Starting to host waits only for the
local server to listen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal

from ...live.code import JoinCode
from ...model import ReasonmapError
from .calls import GuiCalls

START_LIMIT = 10.0


class LiveController(QObject):
    changed = Signal()                 # status, people or role changed
    refused = Signal(str)              # a join was refused (one line)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.calls = GuiCalls(self)
        self.net = None                # a NetworkThread while a session runs
        self.host = None               # app.live.runner.Host while hosting
        self.participant = None        # app.live.runner.Participant while joined
        self.peers: dict[str, str] = {}
        self.doc = None
        self.announcer = None          # app.live.discovery.Announcer while hosting

    # ----- what the views read -----------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.doc is not None

    @property
    def role(self) -> str:
        return "host" if self.host else "participant" if self.participant else ""

    @property
    def session(self):
        return self.doc.session if self.doc is not None else None

    @property
    def code(self) -> JoinCode | None:
        return self.host.code if self.host else self.participant.code if self.participant else None

    def people(self) -> list:
        """Who is here (app.live.presence.Person), this laptop included."""
        session = self.session
        return session.presence.people() if session is not None else []

    @property
    def status(self) -> str:
        session = self.session
        return session.status if session is not None else "offline"

    # ----- hosting -------------------------------------------------------------------------
    def start_hosting(self, doc, *, port: int | None = None, bind: str = "0.0.0.0",
                      name: str = "Facilitator") -> JoinCode:
        from ...live.runner import Host
        from ...live.thread import NetworkThread
        if self.active:
            raise ReasonmapError("A live session is already running in this window")
        if doc is None or doc.read_only:
            raise ReasonmapError("Open a map you can edit to host a live session")
        self.net = NetworkThread()
        try:
            self.host = Host(doc, self.calls.deliver, bind=bind, port=port, later=self.calls.later,
                             name=name)
            self.doc = doc
            self._follow(self.host.session)
            self.host.server.peers_changed = lambda peers: self.calls.deliver(self._set_peers, peers)
            update = self.host.session.mirror.doc.get_update()
            self.net.submit(self.host.start(update)).result(START_LIMIT)
        except BaseException:
            self.stop()
            raise
        from ...live.discovery import Announcer
        self.announcer = Announcer(self.host.code, doc.title, bind).start()    # in the background
        self.changed.emit()
        return self.host.code

    def set_read_only(self, peer: str, read_only: bool) -> None:
        """Drop (or take again) a participant's changes at the room."""
        if self.host is not None:
            self.net.submit(self.host.server.set_read_only(peer, read_only))

    def _set_peers(self, peers: dict) -> None:
        self.peers = peers
        self.changed.emit()

    # ----- joining -------------------------------------------------------------------------
    def start_joining(self, code: JoinCode, path: Path, name: str,
                      show: Callable[[object], None]) -> None:
        """Probe the host in the background; once it accepts, open (or resume) the copy at
        *path*, hand it to *show* (the window) and stay in sync."""
        from ...live.runner import probe
        from ...live.thread import NetworkThread
        if self.active:
            raise ReasonmapError("A live session is already running in this window")
        self.net = NetworkThread()
        future = self.net.submit(probe(code, name))
        future.add_done_callback(lambda f: self.calls.deliver(self._probed, f, code, Path(path), name, show))

    def _probed(self, future, code, path, name, show) -> None:
        from ...live.client import Refused
        from ...live.runner import Participant, open_copy
        try:
            first = future.result()
        except Refused as exc:
            return self._refuse(str(exc))
        except Exception as exc:          # nobody there: a copy of this session works offline
            if not path.exists():
                return self._refuse(f"Cannot reach the host at {code.host}:{code.port} "
                                    f"({getattr(exc, 'strerror', None) or exc or 'timed out'}); nothing was written")
            first = None
        try:
            part = Participant(code, self.calls.deliver, name=name, later=self.calls.later)
            doc = open_copy(path)
            try:
                part.attach(doc)
            except BaseException:
                doc.close()
                raise
        except ReasonmapError as exc:
            return self._refuse(str(exc))
        self.participant, self.doc = part, doc
        self._follow(part.session)
        show(doc)
        self.net.submit(part.run(first))
        self.changed.emit()

    def _refuse(self, message: str) -> None:
        self._stop_network()
        self.refused.emit(message)

    # ----- common ----------------------------------------------------------------------------
    def _follow(self, session) -> None:
        doc = session.document
        session.status_changed.append(lambda _s: self.changed.emit())
        session.presence_changed.append(self.changed.emit)
        stops = [doc.changed.subscribe(lambda _e: self.changed.emit()),
                 doc.selection.changed.subscribe(lambda sel, _o: session.select(sel.current_node))]
        self._unfollow = lambda: [stop() for stop in stops]

    def document_changed(self, doc) -> None:
        """The window shows another map (or closes): the session of the old one ends."""
        if self.active and doc is not self.doc:
            self.stop()

    def stop(self) -> None:
        """Leave or end the session: the network stops, what arrived is committed, the map
        stays open as an ordinary map."""
        runner = self.host or self.participant
        if self.announcer is not None:
            self.announcer.stop()
            self.announcer = None
        if self.session is not None:
            self.session.goodbye()
        if self.net is not None and runner is not None:
            try:
                self.net.submit(runner.stop()).result(START_LIMIT)
            except Exception:
                pass
        self._stop_network()
        session = self.session
        if session is not None and self.doc.session is session:
            session.close()
        if getattr(self, "_unfollow", None) is not None:
            self._unfollow()
            self._unfollow = None
        self.host = self.participant = self.doc = None
        self.peers = {}
        self.changed.emit()

    def _stop_network(self) -> None:
        if self.net is not None:
            self.net.stop()
            self.net = None
