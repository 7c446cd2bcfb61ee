"""The text printed on each piece, the same in every exporter."""

from __future__ import annotations

from dataclasses import dataclass

from mtm_app.pieces import Piece


@dataclass(frozen=True)
class JobInfo:
    """What a file belongs to: order, size or made-to-measure, block and its version."""

    block_id: str
    block_version: str
    order: str = ""
    size: str = "made-to-measure"
    trace: str = ""
    estimated: frozenset[str] = frozenset()  # measurements estimated, not taken


def cut_text(piece: Piece) -> str:
    if piece.mirror:
        pairs = piece.quantity // 2 if piece.quantity % 2 == 0 else piece.quantity
        return f"Cut {piece.quantity} = {pairs} pair" + ("s" if pairs != 1 else "")
    fold = " on fold" if piece.fold_lines else ""
    return f"Cut {piece.quantity}{fold}"


def piece_label_lines(piece: Piece, job: JobInfo) -> list[str]:
    lines = [piece.name, cut_text(piece) + f" — {piece.material}"]
    if job.order:
        lines.append(f"Order {job.order}")
    lines.append(f"{job.size} · {job.block_id} v{job.block_version}")
    if job.trace:
        lines.append(f"trace {job.trace}")
    lines += [v for v in piece.label.values() if v]
    return lines
