"""The host telling a participant that its changes are (no longer) taken: read-only.

Sent by the room to that participant's laptop only, as a Yjs *auth* message (type 2): the
standard "permission denied" (0) with a short reason when the host makes it read-only, and
our own "permitted again" (1) when the host lifts it. A y-websocket client ignores the
second; nothing else in the session uses type 2. A malformed one is ignored.

>>> read_only_of(notice(True)), read_only_of(notice(False)), read_only_of(b"\\x02")
(True, False, None)
"""

from __future__ import annotations

AUTH = 2
DENIED, PERMITTED = 0, 1
REASON = b"read-only"


def notice(read_only: bool) -> bytes:
    if read_only:
        return bytes([AUTH, DENIED, len(REASON)]) + REASON
    return bytes([AUTH, PERMITTED])


def read_only_of(message: bytes) -> bool | None:
    """True / False for a read-only notice, None for anything else."""
    if len(message) < 2 or message[0] != AUTH:
        return None
    return {DENIED: True, PERMITTED: False}.get(message[1])
