"""`python -m bot` is the same as `parkbridge`."""

import sys

from bot.app.cli import main

sys.exit(main())
