"""A second editor in another process, for the tests of the edit lock (store and window)."""

import subprocess
import sys
import textwrap

OPEN_FOR_EDITING = textwrap.dedent("""
    import sys
    from app.document import Document
    from app.store import FileInUse
    try:
        Document.open(sys.argv[1]).close()
        print("opened")
    except FileInUse as exc:
        print("refused:", exc)
""")


def second_editor(path) -> str:
    """'opened', or 'refused: <message>' when another process tries to edit *path*."""
    out = subprocess.run([sys.executable, "-c", OPEN_FOR_EDITING, str(path)], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()
