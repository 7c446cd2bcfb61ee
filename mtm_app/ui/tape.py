"""A measurement field that reads like a tape: cm, mm or inches (with fractions), mm inside."""

from __future__ import annotations

from PySide6.QtGui import QAction, QContextMenuEvent, QValidator
from PySide6.QtWidgets import QDoubleSpinBox

from mtm_app.measurements.units import UNITS, format_length, parse_length

STEPS_MM = {"cm": 5.0, "mm": 1.0, "in": 25.4 / 8}


class TapeSpinBox(QDoubleSpinBox):
    """value() is mm; the text is in the field's unit, and `38 1/2` or `38½` may be typed."""

    def __init__(self, unit: str = "cm") -> None:
        self.unit = unit  # before Qt asks for any text
        super().__init__()
        self.setDecimals(4)  # internal mm precision: keeps 1/8 in exact
        self.setRange(0.0, 3000.0)
        self.setKeyboardTracking(False)
        self.set_unit(unit)

    def set_unit(self, unit: str) -> None:
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit}")
        self.unit = unit
        self.setSuffix(f" {unit}")
        self.setSingleStep(STEPS_MM[unit])
        self.lineEdit().setText(self.textFromValue(self.value()) + self.suffix())

    def textFromValue(self, value: float) -> str:
        return format_length(value, self.unit)

    def valueFromText(self, text: str) -> float:
        return parse_length(self._number(text), self.unit)

    def validate(self, text: str, pos: int):
        number = self._number(text)
        if number == "" or number == self.specialValueText():
            return QValidator.State.Intermediate, text, pos
        try:
            mm = parse_length(number, self.unit)
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= mm <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def _number(self, text: str) -> str:
        return text.removesuffix(self.suffix()).strip()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.lineEdit().createStandardContextMenu()
        menu.addSeparator()
        for unit in UNITS:
            action = QAction(f"Show in {unit}", menu)
            action.setCheckable(True)
            action.setChecked(unit == self.unit)
            action.triggered.connect(lambda _=False, u=unit: self.set_unit(u))
            menu.addAction(action)
        menu.exec(event.globalPos())
