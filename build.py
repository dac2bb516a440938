"""Build the site: `python build.py` (see `python build.py --help`)."""

import sys

from sitegen.commands.cli import main

if __name__ == "__main__":
    sys.exit(main())
