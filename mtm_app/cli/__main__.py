"""`python -m mtm_app.cli`."""

import sys

from mtm_app.cli import main

sys.exit(main())
