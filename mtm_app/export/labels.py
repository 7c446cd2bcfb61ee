"""The text printed on each piece, the same in every exporter."""

from __future__ import annotations

from dataclasses import dataclass

from mtm_app.pieces import Piece

MADE_TO_MEASURE = "made-to-measure"  # the size of a customer's own draft (no stock size)


@dataclass(frozen=True)
class JobInfo:
    """What a file belongs to: order, size or made-to-measure, block and its version."""

    block_id: str
    block_version: str
    order: str = ""
    size: str = MADE_TO_MEASURE
    trace: str = ""
    estimated: frozenset[str] = frozenset()  # measurements estimated, not taken
    garments: int = 1  # garments in the order: every piece is cut this many times over


def cut_count(piece: Piece, garments: int = 1) -> int:
    """How many of the piece the cutting room cuts for the whole order."""
    return piece.quantity * garments


def cut_text(piece: Piece, garments: int = 1) -> str:
    """'Cut 4 = 2 pairs' for a mirrored piece of 2 in an order of 2 garments."""
    count = cut_count(piece, garments)
    if piece.mirror:
        pairs = count // 2 if count % 2 == 0 else count
        return f"Cut {count} = {pairs} pair" + ("s" if pairs != 1 else "")
    fold = " on fold" if piece.fold_lines else ""
    return f"Cut {count}{fold}"


def piece_label_lines(piece: Piece, job: JobInfo) -> list[str]:
    lines = [piece.name, cut_text(piece, job.garments) + f" — {piece.material}"]
    if job.order:
        lines.append(f"Order {job.order}" + (f" · {job.garments} garments" if job.garments > 1 else ""))
    lines.append(f"{job.size} · {job.block_id} v{job.block_version}")
    if job.trace:
        lines.append(f"trace {job.trace}")
    lines += [v for v in piece.label.values() if v]
    return lines
