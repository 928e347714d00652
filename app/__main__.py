"""`python -m app`: the Reasonmap command line (and the GUI with no sub-command)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
