"""`python -m mgdesk`: the same as the `mgdesk` command."""

import sys

from mgdesk.cli import main

sys.exit(main())
