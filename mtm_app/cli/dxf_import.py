"""`mtm import-dxf`: read another CAD's AAMA/ASTM file and say what it holds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mtm_app.cli.common import EXIT_OK, Args, UsageError, write_file
from mtm_app.datafile import clip, json_text
from mtm_app.errors import Location
from mtm_app.export.json_dump import piece_dict
from mtm_app.export.labels import JobInfo
from mtm_app.export.svg import draft_svg
from mtm_app.names import file_names

if TYPE_CHECKING:  # ezdxf only when a DXF is read
    from mtm_app.export.dxf_read import ImportedFile


def notes(found: ImportedFile) -> list[str]:
    """What was not read, and what was read but changed or is doubtful, a line each."""
    return [f"skipped: {line}" for line in found.skipped] + [f"warning: {line}" for line in found.warnings]


def cmd_import_dxf(args: Args) -> int:
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in ("json", "svg")]
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)}", hint="formats: json, svg")
    from mtm_app.export.dxf_read import read_aama

    found = read_aama(args.file)
    out_dir, stem = Path(args.out), Path(args.file).stem
    print(f"{args.file}: {len(found.pieces)} pieces, sizes {clip(', '.join(found.sizes)) or '-'}, "
          f"units {found.units} ({found.units_from})")
    for size, piece in found.pieces:
        print(f"  {clip(piece.name)} [{clip(size)}]: {len(piece.notches)} notches, "
              f"{len(piece.drills)} drills, "
              f"quantity {piece.quantity}{' (mirrored pair)' if piece.mirror else ''}")
    for line in notes(found):
        print(f"  {line}")
    names = file_names([f"{stem}-{size}" if len(found.sizes) > 1 else stem for size in found.sizes],
                       "", "size label", Location(args.file))
    for name, size in zip(names, found.sizes, strict=True):
        pieces = [p for s, p in found.pieces if s == size]
        job = JobInfo(stem, found.style.get("style_name", ""), size=size)
        if "svg" in formats:
            print(write_file(out_dir, f"{name}.svg", draft_svg(pieces, job)))
        if "json" in formats:
            data = {"format": "mtm-studio-import/1", "source": str(args.file), "size": size,
                    "units": "mm", "pieces": [piece_dict(p) for p in pieces],
                    "skipped": found.skipped, "warnings": found.warnings}
            print(write_file(out_dir, f"{name}.json", json_text(data)))
    return EXIT_OK
