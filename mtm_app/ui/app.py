"""Start MTM Studio: `mtm-studio` or `python main.py`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from mtm_app.library import get_block, resources_dir
from mtm_app.measurements.files import load_measurements

DEMO_CUSTOMER = "Demo customer (median ANSUR II man)"


def build_window():
    """The main window on the demo customer; separate from main() so tests can drive it."""
    from mtm_app.ui.main_window import MainWindow

    block = get_block("mens_shirt")
    values = load_measurements(resources_dir() / "demo" / "customer_median_man.json")
    return MainWindow(block, DEMO_CUSTOMER, values)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mtm-studio")
    parser.add_argument("--screenshot", metavar="FILE.png",
                        help="render the window to a PNG and exit (for docs and review)")
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("MTM Studio")
    app.setOrganizationName("MTM Studio")
    window = build_window()
    window.show()
    if args.screenshot:
        app.processEvents()
        window.preview.fit_all()
        app.processEvents()
        ok = window.grab().save(args.screenshot)
        return 0 if ok else 1
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
