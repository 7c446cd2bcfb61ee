"""The `tangent` fit check: two curves of drafted pieces meet smoothly across a seam.

`{a: back.armhole, b: front_left.armhole, across: [back.shoulder, front_left.shoulder]}`
measures, at the corner where each curve meets its piece's side of the seam, the angle
between curve and seam; sewn, the curves run on smoothly when the two angles add up to 180°.
Without `b` the curve meets its own mirror (a neckline over a centre-back seam or fold).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mtm_app.block.schema import TANGENT_KEYS, check_keys
from mtm_app.datafile import shown
from mtm_app.errors import BlockError, Location
from mtm_app.formula import Formula
from mtm_app.geometry.tangent import corner_angle
from mtm_app.i18n import _

EdgeRef = tuple[str, str]


def compile_tangent(spec: Any, edges: Callable[[Any, Location], tuple[EdgeRef, ...]],
                    where: Location) -> Formula:
    """The kink in degrees (0 = smooth) as a formula over the drafted pieces."""
    if not isinstance(spec, Mapping) or "a" not in spec or "across" not in spec:
        raise BlockError(_("a tangent check is {{a: piece.curve, b: piece.curve, across: [piece.seam, "
                           "piece.seam]}}, got {value}").format(value=shown(spec)), where,
                         _("leave out b for a curve meeting its own mirror (a neckline at centre back)"))
    check_keys(spec, TANGENT_KEYS, "a tangent check", where)
    (a,) = _one(edges(spec["a"], where), "a", where)
    (b,) = _one(edges(spec.get("b", spec["a"]), where), "b", where)
    across = edges(spec["across"], where)
    if len(across) > 2:
        raise BlockError(_("'across' names the seam's edge on each piece: one or two"), where)
    seam_a, seam_b = across[0], across[-1]

    def kink(env: dict[str, Any]) -> float:
        return abs(_angle(env, a, seam_a, where) + _angle(env, b, seam_b, where) - 180.0)

    text = f"tangent {a[0]}.{a[1]} / {b[0]}.{b[1]} across {seam_a[0]}.{seam_a[1]}"
    return Formula(text, frozenset({a[0], b[0], seam_a[0], seam_b[0]}), kink, where)


def _one(refs: tuple[EdgeRef, ...], key: str, where: Location) -> tuple[EdgeRef]:
    if len(refs) != 1:
        raise BlockError(_("'{key}' of a tangent check is one piece.edge").format(key=key), where)
    return refs[0],


def _angle(env: dict[str, Any], curve: EdgeRef, seam: EdgeRef, where: Location) -> float:
    piece = env[curve[0]]
    found = corner_angle(piece.edge(curve[1]).path, env[seam[0]].edge(seam[1]).path)
    if found is None:
        raise BlockError(_("{curve} and {seam} do not meet at a corner").format(
            curve=".".join(curve), seam=".".join(seam)), where,
            _("name the seam edge that starts or ends where the curve does"))
    return found[0]
