"""A measurement field that reads like a tape: cm, mm or inches (with fractions), mm inside;
numbers written as the locale writes them ('81,5 cm' in French; a point is read too)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox

from mtm_app.measurements.units import UNITS, format_length, parse_length
from mtm_app.ui.language import decimal

STEPS_MM = {"cm": 5.0, "mm": 1.0, "in": 25.4 / 8}
# A field accepts any length a person might type, so a wrong one stays on screen in red with
# its finding instead of being reverted on Tab; what is plausible is the checks' business.
MAX_MM = 1_000_000.0
# The window's shortcuts that must work with the cursor in a field (where it usually is):
# the line edit inside would otherwise take them for its own undo or cursor moves.
WINDOW_KEYS = tuple(QKeySequence(k) for k in (
    "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y", "Ctrl+E", "Ctrl+Return", "Ctrl+Enter", "Ctrl+S", "Ctrl+I"))


def unit_box(unit: str = "cm") -> QComboBox:
    """A choice of unit (mm, cm, in: symbols, the same in every language); its data is the
    unit, so code reads `currentData()` whatever the items show."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit}")
    box = QComboBox()
    for code in UNITS:
        box.addItem(code, code)
    box.setCurrentIndex(box.findData(unit))
    return box


def _sequence(event: QKeyEvent) -> QKeySequence:
    """The key pressed, as a shortcut (the keypad's Enter counts as Enter)."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeySequence(QKeyCombination(modifiers, Qt.Key(event.key())))


class TapeSpinBox(QDoubleSpinBox):
    """value() is mm; the text is in the field's unit, and `38 1/2` or `38½` may be typed."""

    unreadable = Signal(str)  # text typed that is not a length; Qt puts the old value back

    def __init__(self, unit: str = "cm") -> None:
        self.unit = unit  # before Qt asks for any text
        super().__init__()
        self.setDecimals(4)  # internal mm precision: keeps 1/8 in exact
        self.setRange(0.0, MAX_MM)
        self.setKeyboardTracking(False)
        self.set_unit(unit)

    def set_unit(self, unit: str) -> None:
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit}")
        self.unit = unit
        self.setSuffix(f" {unit}")
        self.setSingleStep(STEPS_MM[unit])
        empty = self.specialValueText() and self.value() == self.minimum()  # "not measured" stays
        self.lineEdit().setText(self.specialValueText() if empty
                                else self.textFromValue(self.value()) + self.suffix())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and any(
                _sequence(event).matches(k) == QKeySequence.SequenceMatch.ExactMatch
                for k in WINDOW_KEYS):
            event.ignore()  # leave the key to the window's action
            return True
        return super().event(event)

    def pending(self) -> bool:
        """Text typed but not yet taken (no Return or Tab yet)."""
        shown = self._number(self.lineEdit().text())
        if self.specialValueText() and self.value() == self.minimum():
            return shown != self.specialValueText()
        return shown != self.textFromValue(self.value())

    def readable(self) -> bool:
        """Whether the text on screen is a length (what Return would take)."""
        state = self.validate(self.lineEdit().text(), 0)[0]
        return state == QValidator.State.Acceptable

    def commit(self) -> bool:
        """Take the typed text as the value, as Return would; False (value kept, the text
        reported as unreadable) when it is not a length."""
        if not self.pending():
            return True
        if not self.readable():
            self.unreadable.emit(self._number(self.lineEdit().text()))
            return False
        self.interpretText()
        return True

    def focusOutEvent(self, event) -> None:
        if self.pending() and not self.readable():
            self.unreadable.emit(self._number(self.lineEdit().text()))
        super().focusOutEvent(event)

    def textFromValue(self, value: float) -> str:
        return decimal(format_length(value, self.unit))

    def valueFromText(self, text: str) -> float:
        return parse_length(self._number(text), self.unit, signed=self.minimum() < 0)

    def validate(self, text: str, pos: int):
        number = self._number(text)
        if number == "" or number == self.specialValueText():
            return QValidator.State.Intermediate, text, pos
        try:
            mm = parse_length(number, self.unit, signed=self.minimum() < 0)
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
            action = QAction(self.tr("Show in {unit}").format(unit=unit), menu)
            action.setCheckable(True)
            action.setChecked(unit == self.unit)
            action.triggered.connect(lambda _=False, u=unit: self.set_unit(u))
            menu.addAction(action)
        menu.exec(event.globalPos())
