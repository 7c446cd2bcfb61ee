"""Open MTM Studio (same as the `mtm-studio` command)."""

import sys

from mtm_app.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
