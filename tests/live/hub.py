"""An in-process room for tests of the live core: the Yjs sync protocol over queues.

Every message is queued and delivered by ``pump`` (as a network would, later), so no doc is
changed from inside another doc's observer. Sessions made with ``hub.schedule`` ask for their
flushes through the same queue, so a burst of remote updates is committed in one go.
"""

from collections import deque

from pycrdt import Doc, create_sync_message, create_update_message, handle_sync_message

from app.live.session import LiveSession


class Hub:
    def __init__(self):
        self.doc = Doc()
        self.queue = deque()
        self.online = {}              # session -> True while connected
        self.dropped = set()          # sessions whose updates the room drops (read-only)
        self._sub = self.doc.observe(self._broadcast)

    def schedule(self, fn):
        self.queue.append(fn)

    def session(self, document, **kw):
        return LiveSession(document, schedule=self.schedule, **kw)

    def connect(self, session):
        self.online[session] = True
        session.connected(lambda m, s=session: self.queue.append(lambda: self._from(s, m)))
        self._send(session, create_sync_message(self.doc))
        self.pump()

    def disconnect(self, session):
        self.online.pop(session, None)
        session.disconnected()

    def _send(self, session, message):
        self.queue.append(lambda: self._deliver(session, message))

    def _deliver(self, session, message):
        if session.document.session is not session:    # closed meanwhile: gone from the room
            self.online.pop(session, None)
        elif self.online.get(session):
            session.receive(message)

    def _from(self, session, message):
        if session not in self.online:
            return
        if session in self.dropped and message[0] == 0 and message[1] != 0:
            return                    # only a read-only peer's own changes are dropped
        reply = handle_sync_message(message[1:], self.doc)
        if reply is not None:
            self._send(session, reply)

    def _broadcast(self, event):
        for session in list(self.online):
            self._send(session, create_update_message(event.update))

    def pump(self, limit=1_000_000):
        n = 0
        while self.queue and n < limit:
            self.queue.popleft()()
            n += 1
        return n
