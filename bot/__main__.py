"""`python -m bot` is the same as `parkbridge`."""

import sys

from bot.cli import main

sys.exit(main())
