"""`python -m evodesk` runs the same entry point as the `evodesk` command."""

import sys

from evodesk.cli import main

sys.exit(main())
