"""A laptop as its own process for check 1: join CODE into OUT, make COUNT random commands
(seeded), print "done", and keep syncing until SIGTERM, then commit what arrived and exit.

    python -m tests.live.random_peer CODE OUT SEED COUNT NAME
"""

import asyncio
import random
import signal
import sys
from pathlib import Path

from app.live.code import JoinCode
from app.live.runner import Participant, open_copy
from app.live.thread import NetworkThread

from .edits import run_random


async def main(code: str, out: str, seed: int, count: int, name: str) -> None:
    loop = asyncio.get_running_loop()
    part = Participant(JoinCode.parse(code), lambda fn, *a: loop.call_soon_threadsafe(fn, *a),
                       name=name, later=loop.call_later)
    doc = open_copy(Path(out))
    session = part.attach(doc)
    net = NetworkThread()                      # as the window runs it
    running = net.submit(part.run())
    while session.status != "connected" or not doc.map.nodes:
        await asyncio.sleep(0.02)
    rng = random.Random(seed)
    for _ in range(count):
        run_random(doc, rng, name, 1)
        await asyncio.sleep(0)                 # remote changes land between commands
    print("done", flush=True)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    session.goodbye()
    await asyncio.wrap_future(net.submit(part.stop()))
    running.cancel()
    net.stop()
    await asyncio.sleep(0.05)
    doc.close()


if __name__ == "__main__":
    code, out, seed, count, name = sys.argv[1:6]
    asyncio.run(main(code, out, int(seed), int(count), name))
