"""Markers from the production queue: the selected orders grouped by the cloth they are cut
from, one marker per fabric and material, never two fabrics on one lay.

The self fabric is each order's own (its catalogue code, else its description); lining and
interfacing come from the catalogue fabric the cutting room names for them. Width, nap and
pattern repeat (stripes and checks: every piece put on the repeat grid) come from the
catalogue; a description without a catalogue code gives its width in words ("poplin, 140 cm")
or the order is named as not laid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mtm_app.consumption import width_in_words
from mtm_app.errors import MtmError
from mtm_app.marker import Marker, MarkerSpec
from mtm_app.orders import lay_orders, order_draft
from mtm_app.store import Order, Store
from mtm_app.store.errors import StoreError
from mtm_app.store.fabrics import fabric
from mtm_app.store.models import Fabric


@dataclass(frozen=True)
class MarkerRun:
    """One marker to lay: these orders' `material` pieces on one fabric."""

    fabric: str  # the catalogue code, or the orders' description
    material: str
    references: tuple[str, ...]
    spec: MarkerSpec


@dataclass
class MarkerPlan:
    runs: list[MarkerRun] = field(default_factory=list)
    not_laid: list[str] = field(default_factory=list)  # why an order or material has no marker


def _cloth(store: Store, order: Order) -> tuple[str, Fabric | None]:
    if order.fabric_code:
        try:
            return order.fabric_code, fabric(store, order.fabric_code)
        except StoreError:
            return order.fabric_code, None  # left the catalogue since; its words may still tell
    return " ".join(order.fabric.split()).lower(), None


def plan_markers(store: Store, references: Sequence[str], *,
                 material_fabrics: Mapping[str, str] | None = None, seconds: int = 10,
                 gap: float = 2.0) -> MarkerPlan:
    """Group the orders by fabric and material; `material_fabrics` names the catalogue fabric
    of each other material (lining, interfacing)."""
    plan = MarkerPlan()
    groups: dict[tuple[str, str], list[str]] = {}
    specs: dict[tuple[str, str], MarkerSpec] = {}
    for reference in references:
        order = store.order_by_reference(reference)
        result, _job = order_draft(store, order)
        for material in sorted({p.material for p in result.pieces}):
            if material == "self":
                key, cloth = _cloth(store, order)
                width = cloth.width_mm if cloth else width_in_words(order.fabric)
                if width is None:
                    plan.not_laid.append(f"{order.reference}: its fabric '{order.fabric or '—'}' is "
                                         "not in the catalogue and says no width — pick a catalogue "
                                         "fabric on the order")
                    continue
                one_way = cloth.one_way if cloth else False
                repeat = (cloth.repeat_length_mm, cloth.repeat_width_mm) if cloth else (0.0, 0.0)
            else:
                code = (material_fabrics or {}).get(material, "")
                if not code:
                    plan.not_laid.append(f"{order.reference}: {material} not laid — name its fabric")
                    continue
                cloth = fabric(store, code)
                key, width, one_way = cloth.code, cloth.width_mm, cloth.one_way
                repeat = (cloth.repeat_length_mm, cloth.repeat_width_mm)
            groups.setdefault((key, material), []).append(order.reference)
            specs[(key, material)] = MarkerSpec(width, gap=gap, one_way=one_way, seconds=seconds,
                                                repeat=repeat)
    plan.runs = [MarkerRun(key[0], key[1], tuple(refs), specs[key]) for key, refs in groups.items()]
    return plan


def lay_plan(store: Store, plan: MarkerPlan, folder: Path,
             cancelled: Callable[[], bool] = lambda: False,
             progress: Callable[[int, int, MarkerRun], None] | None = None
             ) -> list[tuple[MarkerRun, Marker | None, list[Path], str]]:
    """Lay each run into its own sub-folder of `folder` (fabric and material in its name): a
    run that fails is reported and the others are laid."""
    from mtm_app.store.folders import safe_filename

    done = []
    for k, run in enumerate(plan.runs):
        if cancelled():
            break
        target = folder / safe_filename(f"{run.fabric}-{run.material}")
        try:
            marker, written = lay_orders(store, run.references, run.spec, run.material,
                                         folder=target, cancelled=cancelled)
            done.append((run, marker, written, ""))
        except MtmError as exc:
            done.append((run, None, [], str(exc)))
        if progress:
            progress(k + 1, len(plan.runs), run)
    return done

