"""The text printed on each piece, the same in every exporter."""

from __future__ import annotations

from dataclasses import dataclass

from mtm_app.i18n import N_, _, block_text, ngettext
from mtm_app.pieces import Piece

MADE_TO_MEASURE = N_("made-to-measure")  # the size of a customer's own draft (no stock size)


@dataclass(frozen=True)
class JobInfo:
    """What a file belongs to: order, size or made-to-measure, block and its version."""

    block_id: str
    block_version: str
    order: str = ""
    size: str = MADE_TO_MEASURE  # a chart's size, or this (shown through `size_text`)
    trace: str = ""
    estimated: frozenset[str] = frozenset()  # measurements estimated, not taken
    garments: int = 1  # garments in the order: every piece is cut this many times over


def cut_count(piece: Piece, garments: int = 1) -> int:
    """How many of the piece the cutting room cuts for the whole order."""
    return piece.quantity * garments


def cut_text(piece: Piece, garments: int = 1) -> str:
    """'Cut 4 = 2 pairs' for a mirrored piece of 2 in an order of 2 garments (in the language
    spoken now)."""
    count = cut_count(piece, garments)
    if piece.mirror:
        pairs = count // 2 if count % 2 == 0 else count
        return ngettext("Cut {count} = {pairs} pair", "Cut {count} = {pairs} pairs", pairs).format(
            count=count, pairs=pairs)
    if piece.fold_lines:
        return _("Cut {count} on fold").format(count=count)
    return _("Cut {count}").format(count=count)


def size_text(size: str) -> str:
    """A job's size as people read it: a chart's size as it is, made-to-measure translated."""
    return _(size) if size == MADE_TO_MEASURE else size


def garments_text(garments: int) -> str:
    """'2 garments'."""
    return ngettext("{count} garment", "{count} garments", garments).format(count=garments)


def piece_label_lines(piece: Piece, job: JobInfo) -> list[str]:
    """The words printed on a piece, in the language spoken now (the order's, when its files
    are written): its name, how many to cut from what, order, size, block and trace."""
    lines = [block_text(piece.name), f"{cut_text(piece, job.garments)} — {block_text(piece.material)}"]
    if job.order:
        lines.append(_("Order {order}").format(order=job.order)
                     + (f" · {garments_text(job.garments)}" if job.garments > 1 else ""))
    lines.append(f"{size_text(job.size)} · {job.block_id} v{job.block_version}")
    if job.trace:
        lines.append(_("trace {trace}").format(trace=job.trace))
    lines += [block_text(v) for v in piece.label.values() if v]
    return lines
