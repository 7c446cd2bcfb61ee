"""A JSON dump of a draft: every piece with its geometry and every check, for other tools."""

from __future__ import annotations

from typing import Any

import numpy as np

from mtm_app.datafile import json_text
from mtm_app.drafting import Draft
from mtm_app.pieces import Piece


def _pts(points: Any) -> list[list[float]]:
    return np.round(np.asarray(points, dtype=float), 3).tolist()


def piece_dict(p: Piece) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "quantity": p.quantity,
        "mirror": p.mirror,
        "material": p.material,
        "area_mm2": round(p.area, 1),
        "seam_line": _pts(p.seam_line),
        "cut_line": _pts(p.cut_line),
        "edges": [
            {"name": e.name, "length": round(e.length, 3), "sewn_length": round(e.sewn_length, 3),
             "allowance": e.allowance, "hem": e.hem, "fold": e.fold}
            for e in p.edges
        ],
        "notches": [
            {"edge": n.edge, "type": n.kind, "seam_point": _pts(n.seam_point),
             "cut_point": _pts(n.cut_point), "angle": round(n.angle, 3), "depth": n.depth,
             "width": n.width}
            for n in p.notches
        ],
        "grainline": _pts(p.grainline) if p.grainline else None,
        "fold_lines": [_pts(f) for f in p.fold_lines],
        "drills": _pts(p.drills) if p.drills else [],
        "internal_lines": [{"kind": i.kind, "label": i.label, "points": _pts(i.points)}
                           for i in p.internal_lines],
        "label": p.label,
    }


def draft_dict(d: Draft, trace: str = "", order: str = "",
               estimated: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {
        "format": "mtm-studio-draft/1",
        "units": "mm",
        "coordinates": "x right, y down",
        "block": {"id": d.block.id, "name": d.block.name, "version": d.block.version},
        "order": order,
        "trace": trace,
        "measurements": {k: round(v, 3) for k, v in d.measurements.items()},
        "derived": sorted(d.derived),
        "estimated": sorted(estimated & d.measurements.keys()),
        "options": d.options,
        "ok": d.ok,
        "pieces": [piece_dict(p) for p in d.pieces],
        "seam_pairs": [
            {"name": s.name, "a": round(s.a_length, 3), "b": round(s.b_length, 3),
             "difference": round(s.difference, 3), "min": s.min, "max": s.max, "ok": s.ok}
            for s in d.seams
        ],
        "fit_checks": [
            {"name": f.name, "label": f.label, "measured": round(f.measured, 3),
             "target": round(f.target, 3), "tolerance": f.tolerance, "unit": f.unit, "ok": f.ok}
            for f in d.fits
        ],
        "problems": d.problems,
        **({"alterations": [{**a.as_dict(), "option": a.option, "change_mm": a.change,
                             "overridden": a.overridden} for a in d.alterations]}
           if d.alterations else {}),  # a customer's personal alterations, when there are some
    }


def draft_json(d: Draft, trace: str = "", order: str = "",
               estimated: frozenset[str] = frozenset()) -> str:
    return json_text(draft_dict(d, trace, order, estimated))
