"""Live-session sub-commands of `reasonmap`: host a map headlessly, or join a session.

`reasonmap host MAP` serves MAP's live session (made before anyone may join) and prints
`Join code: CODE` on one line; `reasonmap join CODE -o OUT.rmap` makes a local copy (or
resumes one of the same session, sending its offline changes) and keeps it in sync. Both run
until SIGINT or SIGTERM, then commit what arrived and stop. A refused join exits non-zero
with one line and writes no file.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from .model import ReasonmapError

EXIT_REFUSED = 3


def register(sub) -> dict:
    h = sub.add_parser("host", help="host MAP as a live session others join (prints the join code)")
    h.add_argument("map", help="the .rmap file to share")
    h.add_argument("--port", type=int, default=None, help="TCP port (default: the last one, else any free one)")
    h.add_argument("--bind", default="0.0.0.0", help="address to listen on (default: every interface)")
    h.add_argument("--new-code", action="store_true", help="make a new token and certificate (old codes stop working)")
    j = sub.add_parser("join", help="join a live session by its code into a local .rmap copy")
    j.add_argument("code", help="the join code the host shows (rmap://...)")
    j.add_argument("-o", "--output", required=True, help="the local copy (resumed if it is one of this session)")
    j.add_argument("--name", default="participant", help="the name others see")
    return {"host": cmd_host, "join": cmd_join}


def cmd_host(args) -> int:
    import asyncio      # only here: a CLI that exports need not load it
    path = Path(args.map)
    if path.suffix.lower() != ".rmap":
        raise ReasonmapError(f"A live session shares a .rmap file, not {path.name!r} (import it first)")
    if args.port is not None and not 0 <= args.port <= 65535:
        raise ReasonmapError(f"--port must be from 0 to 65535, not {args.port}")
    return asyncio.run(_host(path, args))


async def _host(path: Path, args) -> int:
    """The document (and its commits) on this loop; the room on a network thread, so that
    relaying edits between participants never waits for the host's own disk."""
    import asyncio      # only here: a CLI that exports need not load it
    from .document import Document
    from .live.discovery import Announcer
    from .live.runner import Host
    from .live.thread import NetworkThread
    loop = asyncio.get_running_loop()
    doc = Document.open(path)
    net = None
    try:
        host = Host(doc, lambda fn, *a: loop.call_soon_threadsafe(fn, *a), bind=args.bind,
                    port=args.port, new_code=args.new_code, later=loop.call_later)
        net = NetworkThread()
        await asyncio.wrap_future(net.submit(host.start(host.session.mirror.doc.get_update())))
        print(f"Join code: {host.code}", flush=True)
        announcer = Announcer(host.code, doc.title, args.bind).start()     # on its own threads
        await _until_signalled(loop)
        announcer.stop(wait=2.0)           # others' lists drop it now, not when it expires
        host.session.goodbye()
        await asyncio.sleep(0.05)
        await asyncio.wrap_future(net.submit(host.stop()))
        await asyncio.sleep(0.05)          # what the room handed over before it stopped
        host.session.flush()
        host.session.disconnected()
    finally:
        if net is not None:
            net.stop()
        doc.close()
    print("Session stopped; every change is in " + path.name, file=sys.stderr, flush=True)
    return 0


def cmd_join(args) -> int:
    import asyncio      # only here: a CLI that exports need not load it
    from .live.code import JoinCode
    code = JoinCode.parse(args.code)
    out = Path(args.output)
    if out.suffix.lower() != ".rmap":
        raise ReasonmapError(f"The local copy must be a .rmap file, not {out.name!r}")
    return asyncio.run(_join(code, out, args.name))


async def _join(code, out: Path, name: str) -> int:
    import asyncio      # only here: a CLI that exports need not load it
    from .live.client import Refused
    from .live.runner import Participant, open_copy, probe
    loop = asyncio.get_running_loop()
    try:
        first = await probe(code, name)
    except Refused as exc:
        print(f"reasonmap: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except (OSError, asyncio.TimeoutError) as exc:
        if not out.exists():
            print(f"reasonmap: cannot reach the host at {code.host}:{code.port} "
                  f"({getattr(exc, 'strerror', None) or exc or 'timed out'}); nothing was written", file=sys.stderr)
            return 1
        first = None                      # a copy works offline and reconnects by itself
    part = Participant(code, loop.call_soon, name=name, later=loop.call_later)
    doc = open_copy(out)
    try:
        session = part.attach(doc)
        session.status_changed.append(lambda s: print(f"Status: {s}", file=sys.stderr, flush=True))
        runner = asyncio.create_task(part.run(first))
        stopper = asyncio.create_task(_until_signalled(loop))
        await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        session.goodbye()
        await asyncio.sleep(0)
        await part.stop()
        stopper.cancel()
        await asyncio.gather(runner, return_exceptions=True)
        await asyncio.sleep(0)
        session.flush()
    finally:
        doc.close()
    if part.refusal:
        print(f"reasonmap: {part.refusal}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"Left the session; every change is in {out.name}", file=sys.stderr, flush=True)
    return 0


async def _until_signalled(loop) -> None:
    import asyncio      # only here: a CLI that exports need not load it
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
