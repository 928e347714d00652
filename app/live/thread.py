"""One network thread with its own asyncio loop, for a program whose main thread is busy
(the window's event loop). Only the network runs there: the room, the sockets. Calls into a
Document go back to its own thread through the ``deliver`` the caller gives the runner.

>>> import asyncio
>>> net = NetworkThread()
>>> async def answer(): return 42
>>> net.submit(answer()).result(timeout=5)
42
>>> net.stop()
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future


class NetworkThread:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="reasonmap-network", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def submit(self, coro) -> Future:
        """Run *coro* on the network loop; its result or exception arrives in the Future."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def call(self, fn, *args) -> None:
        """Call *fn(*args)* on the network loop, from any thread."""
        self.loop.call_soon_threadsafe(fn, *args)

    def stop(self, timeout: float = 5.0) -> None:
        """Cancel what still runs there, stop the loop and wait for the thread (bounded)."""
        if not self.loop.is_running():
            return

        async def cancel_rest() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        try:
            self.submit(cancel_rest()).result(timeout)
        except Exception:
            pass
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout)
        if not self._thread.is_alive():
            self.loop.close()
