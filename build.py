"""Build the site: `python build.py` (see `python build.py --help`)."""

import os
import sys

from sitegen.commands.cli import main

if __name__ == "__main__":
    code = main()
    # Every file is closed and every worker has ended by now. Python's own tidying up at exit
    # would free, one by one, the many objects a build leaves in its modules' caches: a tenth
    # of a second after a small edit, for nothing.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
