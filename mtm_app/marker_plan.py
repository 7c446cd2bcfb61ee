"""Markers from the production queue: the selected orders' garments grouped by the cloth they
are cut from, one marker per fabric and material, never two fabrics on one lay (a suit cut from
one cloth lays its jacket, trousers and waistcoat together).

The self fabric is each garment's own (its catalogue code, else its description); lining and
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
from mtm_app.orders import cloth_key, lay_orders, order_drafts
from mtm_app.store import Store
from mtm_app.store.errors import StoreError
from mtm_app.store.fabrics import fabric
from mtm_app.store.models import Fabric, OrderGarment


@dataclass(frozen=True)
class MarkerRun:
    """One marker to lay: these orders' `material` pieces on one fabric (of a suit whose
    garments are cut from different cloths, only the garments of this one)."""

    fabric: str  # the catalogue code, or the garments' description
    material: str
    references: tuple[str, ...]
    spec: MarkerSpec

    def lays(self, garment: OrderGarment) -> bool:
        """Whether the run lays this garment of one of its orders."""
        return self.material != "self" or cloth_key(garment) == self.fabric


@dataclass
class MarkerPlan:
    runs: list[MarkerRun] = field(default_factory=list)
    not_laid: list[str] = field(default_factory=list)  # why an order or material has no marker


def _cloth(store: Store, garment: OrderGarment) -> tuple[str, Fabric | None]:
    if garment.fabric_code:
        try:
            return garment.fabric_code, fabric(store, garment.fabric_code)
        except StoreError:
            return garment.fabric_code, None  # left the catalogue since; its words may still tell
    return cloth_key(garment), None


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
        for row, g in zip(order.garments, order_drafts(store, order), strict=True):
            name = g.job.order  # the order, or a suit's garment (O-…-2)
            for material in sorted({p.material for p in g.result.pieces}):
                if material == "self":
                    key, cloth = _cloth(store, row)
                    width = cloth.width_mm if cloth else width_in_words(row.fabric)
                    if width is None:
                        plan.not_laid.append(f"{name}: its fabric '{row.fabric or '—'}' is not in the "
                                             "catalogue and says no width — pick a catalogue fabric on "
                                             "the order")
                        continue
                    one_way = cloth.one_way if cloth else False
                    repeat = (cloth.repeat_length_mm, cloth.repeat_width_mm) if cloth else (0.0, 0.0)
                else:
                    code = (material_fabrics or {}).get(material, "")
                    if not code:
                        plan.not_laid.append(f"{name}: {material} not laid — name its fabric")
                        continue
                    cloth = fabric(store, code)
                    key, width, one_way = cloth.code, cloth.width_mm, cloth.one_way
                    repeat = (cloth.repeat_length_mm, cloth.repeat_width_mm)
                refs = groups.setdefault((key, material), [])
                if order.reference not in refs:
                    refs.append(order.reference)
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
                                         folder=target, cancelled=cancelled, garment_filter=run.lays)
            done.append((run, marker, written, ""))
        except MtmError as exc:
            done.append((run, None, [], str(exc)))
        if progress:
            progress(k + 1, len(plan.runs), run)
    return done

