"""`python -m aleppo_events ...` is `aleppo-events ...`."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
