"""The join code of a live session: where the host listens, which room, the token, and the
SHA-256 fingerprint of the host's certificate (pinned by every participant).

    rmap://192.168.1.20:8765/ROOM?token=TOKEN&fp=FINGERPRINT

The token and the fingerprint are URL-safe base64. A code is typed or pasted when Wi-Fi
blocks the session's announcement, so a malformed one gets one message saying what is wrong.

>>> code = JoinCode("10.0.0.2", 8765, "r00m", "t0ken", "f" * 43)
>>> str(code)
'rmap://10.0.0.2:8765/r00m?token=t0ken&fp=fffffffffffffffffffffffffffffffffffffffffff'
>>> JoinCode.parse(str(code)) == code
True
>>> JoinCode.parse("rmap://10.0.0.2/r00m")
Traceback (most recent call last):
...
app.live.code.BadCode: This join code has no port: copy the whole code from the host
"""

from __future__ import annotations

import base64
import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from ..model import ReasonmapError

SCHEME = "rmap"
_SAFE = re.compile(r"[A-Za-z0-9_-]+")
_HOST = re.compile(r"[A-Za-z0-9.-]{1,253}")


class BadCode(ReasonmapError):
    """A join code that cannot be used."""


@dataclass(frozen=True)
class JoinCode:
    host: str
    port: int
    room: str
    token: str
    fingerprint: str        # URL-safe base64 of the certificate's SHA-256 digest

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = urlencode({"token": self.token, "fp": self.fingerprint})
        return f"{SCHEME}://{host}:{self.port}/{self.room}?{query}"

    @property
    def digest(self) -> bytes:
        return base64.urlsafe_b64decode(self.fingerprint + "=" * (-len(self.fingerprint) % 4))

    @classmethod
    def parse(cls, text: str) -> "JoinCode":
        text = (text or "").strip()
        if not text.startswith(f"{SCHEME}://"):
            raise BadCode(f"A join code starts with {SCHEME}:// (ask the host for theirs)")
        parts = urlsplit(text)
        try:
            port = parts.port
        except ValueError:
            raise BadCode("This join code's port is not a number from 1 to 65535") from None
        if port is None:
            raise BadCode("This join code has no port: copy the whole code from the host")
        host, room = parts.hostname or "", parts.path.lstrip("/")
        if not _valid_host(host):
            raise BadCode("This join code has no valid host address")
        query = parse_qs(parts.query)
        token, fp = query.get("token", [""])[0], query.get("fp", [""])[0]
        for what, value in (("room", room), ("token", token), ("fingerprint", fp)):
            if not value or not _SAFE.fullmatch(value) or len(value) > 200:
                raise BadCode(f"This join code's {what} is missing or damaged: copy the whole code")
        code = cls(host, port, room, token, fp)
        if len(code.digest) != 32:
            raise BadCode("This join code's fingerprint is damaged: copy the whole code")
        return code


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return bool(_HOST.fullmatch(host))


def fingerprint_text(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
