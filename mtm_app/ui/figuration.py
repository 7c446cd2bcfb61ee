"""The customer's figure beside the measurements: posture, shoulders, seat, stomach, neck, in
the tailor's words (the catalogue's grades), per side where the block allows it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox

from mtm_app.block.model import Block
from mtm_app.measurements.catalogue import SIDES, catalogue, figuration_text, label, side_name
from mtm_app.measurements.units import show_change


class FigurationForm(QGroupBox):
    """One choice per figure variation the block applies ("normal" by default); a variation
    that may differ by side (shoulder slope) has a choice per side. Amounts stay in mm."""

    changed = Signal()

    def __init__(self, block: Block, values_mm: dict[str, float], unit: str = "cm") -> None:
        super().__init__(self.tr("Figuration"))
        self.setObjectName("figuration")
        self.setToolTip(self.tr("How the customer stands: the blocks alter the pattern for it"))
        self.boxes: dict[str, QComboBox] = {}
        self.unit = unit
        layout = QFormLayout(self)
        for name in block.figuration:
            entry = catalogue()[name]
            names = [side_name(name, s) for s in SIDES] if entry.sided else [name]
            for field in names:
                amount = values_mm.get(field, values_mm.get(name, 0.0))
                box = QComboBox()
                box.setObjectName(f"figure_{field}")
                box.setToolTip(entry.how_to)
                for word, mm in entry.grades:
                    box.addItem(word, mm)
                self._select(box, name, amount)
                self._name_items(box, name)
                box.currentIndexChanged.connect(self.changed)
                layout.addRow(label(field), box)
                self.boxes[field] = box

    def _select(self, box: QComboBox, name: str, amount: float) -> None:
        """Choose the grade of `amount`; an amount between grades (from a file) is kept as is."""
        for i in range(box.count()):
            if abs(box.itemData(i) - amount) < 0.05:
                box.setCurrentIndex(i)
                return
        box.addItem(figuration_text(name, amount), amount)
        box.setCurrentIndex(box.count() - 1)

    def _name_items(self, box: QComboBox, name: str) -> None:
        """Each choice with its amount in the customer's unit: 'stooped (+1.0 cm)'."""
        for i in range(box.count()):
            mm = box.itemData(i)
            word = figuration_text(name, mm)
            box.setItemText(i, f"{word} ({show_change(mm, self.unit)})" if mm else word)

    def set_unit(self, unit: str) -> None:
        """Show the amounts in `unit`; the choices (mm) do not change."""
        self.unit = unit
        for field, box in self.boxes.items():
            self._name_items(box, catalogue()[field].base or field)

    def shown(self) -> set[str]:
        """The names these choices answer for: each variation, and its sides where it has them."""
        return set(self.boxes) | {catalogue()[f].base or f for f in self.boxes}

    def values_mm(self) -> dict[str, float]:
        """The figure as a session stores it: a variation given once when both sides agree,
        per side when they differ; normal (0) is not stored."""
        out: dict[str, float] = {}
        for name in dict.fromkeys(catalogue()[f].base or f for f in self.boxes):
            sides = [self.boxes[side_name(name, s)].currentData() for s in SIDES
                     if side_name(name, s) in self.boxes]
            if not sides:
                value = self.boxes[name].currentData()
                if value:
                    out[name] = value
            elif sides[0] == sides[1]:
                if sides[0]:
                    out[name] = sides[0]
            else:
                out.update({side_name(name, s): v for s, v in zip(SIDES, sides, strict=True)})
        return out
