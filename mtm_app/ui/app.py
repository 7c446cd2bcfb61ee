"""Start MTM Studio: `mtm-studio` or `python main.py`."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence

from mtm_app.errors import BlockError, MtmError, did_you_mean
from mtm_app.i18n import LANGUAGES
from mtm_app.library import all_blocks, broken_blocks, find_entry
from mtm_app.store import Store, open_store
from mtm_app.store.demo import seed_demo

# --page names: the window's pages, and the names earlier versions used for them
PAGES = {"customers": "customers", "customer": "customers", "measure": "measure",
         "measurements": "measure", "style": "style", "size": "style", "order": "order",
         "production": "production", "fabrics": "fabrics", "workbench": "workbench"}


def build_window(store: Store | None = None):
    """The main window on the store (default: the user's database), opened on its first
    customer; demo customers are added on a first start. On a shared database (it has users)
    the person signs in first: None when they give up. Tests pass their own store."""
    from mtm_app.store.blocks import sync_released
    from mtm_app.store.people import users_exist
    from mtm_app.ui.main_window import MainWindow
    from mtm_app.ui.sign_in import SignInDialog

    store = store or open_store()
    if users_exist(store):  # a shared database: who is this? (no demo customers there)
        if store.access.role is None and SignInDialog(store).exec() != SignInDialog.DialogCode.Accepted:
            return None
    else:
        seed_demo(store)
    sync_released(store)  # the blocks released to every shop, as this shop drafts them
    window = MainWindow(opening_block(), "", {}, store)
    first = store.search(limit=1)
    if first:
        window.open_customer(first[0].id)
    return window


def opening_block():
    """The shirt, or the first block that loads when it does not (a broken block never keeps
    the app from starting; the garment chooser lists it with its error)."""
    blocks = {b.id: b for b in all_blocks()}
    if not blocks:
        raise BlockError("no block loads: " + "; ".join(str(e.error) for e in broken_blocks()[:3]),
                         hint="fix the block files named, or remove them from MTM_PATTERNS")
    return blocks.get("mens_shirt", next(iter(blocks.values())))


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(n) for n in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not WIDTHxHEIGHT, e.g. 1366x768") from None
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise argparse.ArgumentTypeError(f"{text}: choose between 320x240 and 7680x4320")
    return width, height


def close_on_signals(app, window) -> None:
    """SIGTERM or SIGINT (a logout, a kill, Ctrl+C in the terminal) closes the window the
    normal way, so what was typed is saved first. Python only runs signal handlers between
    bytecodes, so a timer lets the interpreter in while Qt's loop waits."""
    from PySide6.QtCore import QTimer

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: window.close())
    heartbeat = QTimer(app)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(200)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mtm-studio")
    parser.add_argument("--screenshot", metavar="FILE.png",
                        help="render the window to a PNG and exit (for docs and review)")
    parser.add_argument("--page", choices=list(PAGES), default="measure",
                        help="with --screenshot: the page to show")
    parser.add_argument("--block", metavar="ID",
                        help="with --screenshot --page workbench: the block to open (id or path)")
    parser.add_argument("--garment", metavar="ID",
                        help="with --screenshot: the garment chosen (a block id, e.g. mens_waistcoat)")
    parser.add_argument("--customer", metavar="NAME",
                        help="with --screenshot: the customer opened (the first found by name or phone)")
    parser.add_argument("--size", type=_size, metavar="WxH",
                        help="with --screenshot: the window's size in pixels, e.g. 1366x768")
    parser.add_argument("--language", choices=list(LANGUAGES),
                        help="the language to speak this time (else MTM_LANGUAGE, else the "
                             "Language menu's choice, else the system's)")
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from mtm_app.ui import language

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("MTM Studio")
    app.setOrganizationName("MTM Studio")
    translators = language.install(app, language.start_language(args.language))
    try:
        if args.screenshot:
            return _screenshot(app, args)
        window = build_window()
    except MtmError as exc:  # no block loads, the database cannot be opened: say so plainly
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:  # a test may start the window again, in another language
        if args.screenshot:
            language.uninstall(app, translators)
    if window is None:  # signing in was given up
        return 0
    close_on_signals(app, window)
    window.show()
    return app.exec()


def _screenshot(app, args: argparse.Namespace) -> int:
    window = build_window()
    if window is None:
        return 2
    window.show()
    if args.size:
        window.resize(*args.size)
    if args.customer:
        found = window.store.search(args.customer)
        if not found:
            print(f"mtm-studio: no customer found for '{args.customer}'", file=sys.stderr)
            return 2
        window.open_customer(found[0].id)
    window.pages.show_page(PAGES[args.page])
    if args.garment:
        index = window.garment.findData(args.garment)
        if index < 0:
            known = [d for d in (window.garment.itemData(i) for i in range(window.garment.count())) if d]
            hint = did_you_mean(args.garment, known, "choose one of: " + ", ".join(known))
            print(f"mtm-studio: no garment '{args.garment}' — {hint}", file=sys.stderr)
            return 2
        window.garment.setCurrentIndex(index)
    if args.block:
        window.workbench.open_block(find_entry(args.block).path)  # a broken one too: to mend it
    app.processEvents()
    window.preview.fit_all()
    window.workbench.preview.fit_all()
    app.processEvents()
    ok = window.grab().save(args.screenshot)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
