"""Refresh the window's translations: the .ts from the sources, then the .qm from the .ts.

Usage (in the venv):
    python scripts/update_translations.py          # lupdate → resources/i18n/mtm_*.ts, lrelease → .qm
    python scripts/update_translations.py --check  # exit 1 if either is out of date or unfinished

After a run, translate what is new in the .ts (Qt Linguist: `pyside6-linguist
resources/i18n/mtm_fr.ts`, or by hand: fill each `<translation type="unfinished">` and drop the
type), then run it again to build the .qm. Both files are committed: the app ships the .qm.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "mtm_app" / "ui").rglob("*.py"))
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("fr",)  # English is the source language: it needs no file


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: beside this Python (the venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install the project (pip install -e .) first")
    return found


def lupdate(ts: Path) -> None:
    subprocess.run([_tool("pyside6-lupdate"), *map(str, SOURCES), "-no-obsolete", "-locations", "none",
                    "-target-language", ts.stem.split("_")[-1], "-silent", "-ts", str(ts)], check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def problems(ts: Path) -> list[str]:
    """What is wrong with a .ts as shipped: a source string not in it, a message unfinished or
    left over (vanished/obsolete), or a .qm that is not the .ts's."""
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / ts.name
        shutil.copy(ts, fresh)
        lupdate(fresh)
        if fresh.read_bytes() != ts.read_bytes():
            found.append(f"{ts.name} is not up to date with the sources: run "
                         "scripts/update_translations.py and translate what is new")
        for message in ET.parse(fresh).getroot().iter("message"):
            kind = message.find("translation").get("type")
            source = message.findtext("source")
            if kind in ("unfinished", "vanished", "obsolete"):
                found.append(f"{ts.name}: {kind}: {source!r}")
        built = Path(tmp) / ts.with_suffix(".qm").name
        lrelease(ts, built)
        shipped = ts.with_suffix(".qm")
        if not shipped.exists() or shipped.read_bytes() != built.read_bytes():
            found.append(f"{shipped.name} is not built from {ts.name}: run "
                         "scripts/update_translations.py")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say what is out of date")
    args = parser.parse_args(argv)
    I18N.mkdir(parents=True, exist_ok=True)
    if args.check:
        found = [p for code in LANGUAGES for p in problems(I18N / f"mtm_{code}.ts")]
        print("\n".join(found) or "translations up to date")
        return 1 if found else 0
    for code in LANGUAGES:
        ts = I18N / f"mtm_{code}.ts"
        lupdate(ts)
        lrelease(ts, ts.with_suffix(".qm"))
        unfinished = sum(m.find("translation").get("type") == "unfinished"
                         for m in ET.parse(ts).getroot().iter("message"))
        print(f"{ts.relative_to(ROOT)}: {unfinished} message(s) to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
