"""Notches walked along a seam pair: declared once, on side a at a distance, and placed on both
sides at the same point of the sewn seam.

A sleeve cap is longer than its armhole by its ease; a notch a third of the way round the cap
must meet the armhole a third of the way round, so the distance on side b is the distance on
side a scaled by the ratio of their lengths (ease, and any take-up, spread evenly along the
seam). Each side is walked through its edges in the order listed, each from its start (side b
from its end with `reverse_b: true`).
"""

from __future__ import annotations

from typing import Any

from mtm_app.block.model import NotchSpec, SeamPair
from mtm_app.errors import BlockError
from mtm_app.i18n import _, number
from mtm_app.pieces import Edge

Placed = tuple[NotchSpec, str, float]  # the notch, the edge it is on, mm along that edge


def walk_notches(pairs: list[SeamPair], edges: dict[str, list[Edge]], env: dict[str, Any]
                 ) -> dict[str, list[Placed]]:
    """For each piece id, the walked notches on its edges (pieces not cut are passed over)."""
    out: dict[str, list[Placed]] = {}
    for pair in pairs:
        if not pair.notches or (pair.when is not None and not pair.when(env)):
            continue
        if any(pid not in edges for pid, _edge in pair.a + pair.b):
            continue
        a = [(pid, _edge_of(edges[pid], name)) for pid, name in pair.a]
        b = [(pid, _edge_of(edges[pid], name)) for pid, name in pair.b]
        a_length, b_length = sum(e.length for _p, e in a), sum(e.length for _p, e in b)
        for notch in pair.notches:
            if notch.when is not None and not notch.when(env):
                continue
            d = float(notch.distance(env))
            if notch.from_end:
                d = a_length - d
            if not 0 <= d <= a_length:
                raise BlockError(_("this notch falls {distance} mm along side a of the seam, which is "
                                   "{length} mm long").format(distance=number(d, 1),
                                                              length=number(a_length, 1)),
                                 notch.where, _("give a distance between 0 and the seam's length"))
            share = d / a_length if a_length else 0.0
            on_b = share * b_length
            for pid, name, along in (_locate(a, d), _locate(b, b_length - on_b if pair.reverse_b else on_b)):
                out.setdefault(pid, []).append((notch, name, along))
    return out


def _edge_of(edges: list[Edge], name: str) -> Edge:
    return next(e for e in edges if e.name == name)


def _locate(run: list[tuple[str, Edge]], d: float) -> tuple[str, str, float]:
    """The piece, edge and distance along it of the point `d` mm along a run of edges."""
    for pid, edge in run[:-1]:
        if d <= edge.length:
            return pid, edge.name, d
        d -= edge.length
    pid, edge = run[-1]
    return pid, edge.name, min(d, edge.length)
