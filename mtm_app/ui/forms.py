"""Input forms: measurements (cm) and a block's style options, built from the block itself."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QEvent, Signal
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mtm_app.block.model import Block, OptionSpec
from mtm_app.drafting.inputs import active_options
from mtm_app.measurements.catalogue import SIDES, catalogue, label, side_name
from mtm_app.measurements.diagrams import diagram_svg
from mtm_app.measurements.sleeves import STANDS_IN_FOR
from mtm_app.measurements.validate import Finding
from mtm_app.ui import colours, language
from mtm_app.ui.figuration import FigurationForm
from mtm_app.ui.language import block_text, decimal
from mtm_app.ui.tape import TapeSpinBox, unit_box

# the option groups a block may declare (block.model.OPTION_GROUPS), as the form titles them
GROUP_TITLES = {"fit": QT_TRANSLATE_NOOP("OptionsForm", "Fit"),
                "style": QT_TRANSLATE_NOOP("OptionsForm", "Style"),
                "advanced": QT_TRANSLATE_NOOP("OptionsForm", "Advanced")}


def choice_text(choice: str) -> str:
    """An option's choice as people read it, in the language spoken ('button_down' → 'button
    down', or its French)."""
    return language.choice_text(choice)


def _fields(block: Block) -> list[tuple[str, str, str]]:
    """(name, what an empty field reads, what the tooltip says) per field: the block's
    measurements, each followed by the one a tailor may give instead (the US sleeve, from the
    centre back) and, where the sides may differ, one per side."""
    out = []
    derived = QCoreApplication.translate("MeasurementForm", "derived")
    not_measured = QCoreApplication.translate("MeasurementForm", "not measured")
    same = QCoreApplication.translate("MeasurementForm", "same")
    per_side = QCoreApplication.translate(
        "MeasurementForm",
        "only when it differs from the other side; the garment is then drafted per side")
    for name, spec in block.measurements.items():
        # an empty field reads empty, with what it means, never "0 cm"
        out.append((name, derived if spec.derive is not None else not_measured,
                    QCoreApplication.translate("MeasurementForm", "{low}–{high} cm for this block")
                    .format(low=decimal(f"{spec.min / 10:g}"), high=decimal(f"{spec.max / 10:g}"))))
        if name in STANDS_IN_FOR:
            out.append((STANDS_IN_FOR[name], not_measured,
                        QCoreApplication.translate("MeasurementForm", "give it instead of {name}")
                        .format(name=label(name).lower())))
        if catalogue()[name].sided:
            out += [(side_name(name, side), same, per_side) for side in SIDES]
    return out


class MeasurementForm(QWidget):
    """One field per measurement the block needs; 0 means "not measured".

    Each field shows the customer's unit (cm, mm or inches), and any field can be switched to
    another unit from its context menu; values are kept in mm.
    """

    changed = Signal()
    unit_changed = Signal(str)  # the customer's unit chosen: mm, cm or in

    def __init__(self, block: Block, values_mm: dict[str, float], unit: str = "cm",
                 estimated: dict[str, str] | None = None) -> None:
        super().__init__()
        self.fields: dict[str, TapeSpinBox] = {}
        self.messages: dict[str, QLabel] = {}  # a finding's advice, shown under its field
        self._ranges: dict[str, str] = {}
        self.estimated: dict[str, str] = {}  # field → the estimate's description
        self.unreadable: dict[str, str] = {}  # field → text typed that is not a length
        self.insist = False  # missing values flagged red only once the tailor wants the order
        self._findings: list = []
        layout = QFormLayout(self)
        self.unit_box = unit_box(unit)
        self.unit_box.setObjectName("customer_unit")
        self.unit_box.currentIndexChanged.connect(lambda _i: self.unit_changed.emit(self.unit()))
        self.unit_changed.connect(self.set_unit)
        layout.addRow(self.tr("Unit"), self.unit_box)
        # the measuring guide: shown by the window wherever it has room
        self.guide = QWidget()
        self.diagram = QSvgWidget()
        self.diagram.setFixedSize(100, 252)
        self.how_to = QLabel()
        self.how_to.setWordWrap(True)
        guide = QHBoxLayout(self.guide)
        guide.addWidget(self.diagram)
        guide.addWidget(self.how_to, 1)
        self._layout = layout
        for name, empty, blurb in _fields(block):
            self._add_field(name, empty, f"{label(name)}: {blurb}", values_mm, unit)
        self.figure = FigurationForm(block, values_mm, unit)
        self.figure.changed.connect(self.changed)
        if block.figuration:
            layout.addRow(self.figure)
        for name, text in (estimated or {}).items():
            if name in self.fields and values_mm.get(name):
                self._mark_estimated(name, text)
        self.show_guide(next(iter(self.fields)))

    def _add_field(self, name: str, empty: str, tooltip: str, values_mm: dict[str, float],
                   unit: str) -> None:
        box = TapeSpinBox(unit)
        box.setObjectName(f"measure_{name}")
        box.setSpecialValueText(empty)
        self._ranges[name] = tooltip
        box.setToolTip(tooltip)
        box.setValue(values_mm.get(name, 0.0))
        box.valueChanged.connect(lambda _=0.0, n=name: self._measured(n))
        box.unreadable.connect(lambda text, n=name: self._unreadable(n, text))
        box.valueChanged.connect(self.changed)
        box.installEventFilter(self)
        self._layout.addRow(label(name), box)
        message = QLabel()
        message.setObjectName(f"finding_{name}")
        message.setWordWrap(True)
        self._layout.addRow("", message)
        self._layout.setRowVisible(message, False)
        self.fields[name] = box
        self.messages[name] = message

    def unit(self) -> str:
        """The customer's unit (its code: mm, cm or in)."""
        return self.unit_box.currentData()

    def set_unit(self, unit: str) -> None:
        """Show every field in `unit` (the customer's unit); values do not change."""
        for box in self.fields.values():
            box.set_unit(unit)
        self.figure.set_unit(unit)

    def show_guide(self, name: str) -> None:
        """The diagram and how-to text of one measurement, beside the form."""
        self.diagram.load(QByteArray(diagram_svg(name).encode("utf-8")))
        self.how_to.setText(f"<b>{label(name)}</b><br>{catalogue()[name].how_to}")
        self.guide_for = name

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            for name, box in self.fields.items():
                if box is watched:
                    self.show_guide(name)
        return False

    def fill_estimates(self, estimates: dict) -> list[str]:
        """Put estimates into the empty fields and mark them as estimated; returns their names."""
        filled = []
        stand_ins = set(STANDS_IN_FOR.values())  # given instead of another, never estimated
        for name, box in self.fields.items():
            if box.value() == 0 and name in estimates and name not in stand_ins:
                e = estimates[name]
                box.blockSignals(True)
                box.setValue(round(e.value))
                box.blockSignals(False)
                self._mark_estimated(name, self.tr(
                    "estimated {value} cm (95 %: {low}–{high}); measure to confirm").format(
                    value=decimal(f"{e.value / 10:.1f}"), low=decimal(f"{e.low / 10:.1f}"),
                    high=decimal(f"{e.high / 10:.1f}")))
                filled.append(name)
        if filled:
            self.changed.emit()
        return filled

    def _mark_estimated(self, name: str, text: str) -> None:
        self.estimated[name] = text
        font = self.fields[name].font()
        font.setItalic(True)
        self.fields[name].setFont(font)

    def commit_pending(self) -> list[str]:
        """Take what was typed but not yet entered (no Return or Tab), as Return would; the
        names of fields whose text is not a length (their old values stay, flagged)."""
        return [name for name, box in self.fields.items() if not box.commit()]

    def _unreadable(self, name: str, text: str) -> None:
        self.unreadable[name] = text
        self.show_findings(self._findings)

    def _measured(self, name: str) -> None:
        """A value typed by the tailor is a measurement again, not an estimate."""
        if self.unreadable.pop(name, None) is not None:
            self.show_findings(self._findings)
        if self.estimated.pop(name, None) is not None:
            font = self.fields[name].font()
            font.setItalic(False)
            self.fields[name].setFont(font)

    def show_findings(self, findings) -> None:
        """Colour each field by its worst finding and put the advice in its tooltip."""
        self._findings = list(findings)
        worst: dict[str, list] = {}
        for f in findings:
            if f.code != "missing" or self.insist:  # "not measured" says it until Confirm
                worst.setdefault(f.field, []).append(f)
        unit = self.unit()
        for name, text in self.unreadable.items():
            worst.setdefault(name, []).insert(0, Finding(
                "unreadable", name, "error",
                self.tr("'{text}' is not a length in {unit}").format(text=text[:40], unit=unit),
                self.tr("type a number such as {example} (inches may be 38 1/2)").format(
                    example=decimal("104.5"))))
        for name, box in self.fields.items():
            found = worst.get(name, []) + worst.get("*", [])
            message = self.messages[name]
            self._layout.setRowVisible(message, bool(found))
            if not found:
                box.setStyleSheet(colours.field_style("estimate" if name in self.estimated else ""))
                box.setToolTip(self.estimated.get(name, self._ranges[name]))
                continue
            error = any(f.severity == "error" for f in found)
            box.setStyleSheet(colours.field_style("error" if error else "warning"))
            advice = "\n".join(f"{f.message} — {f.suggestion}" for f in found)
            box.setToolTip(advice)
            first = min(found, key=lambda f: (f.code != "unreadable", f.severity != "error",
                                              f.code != "inconsistent"))  # what was typed last
            more = self.tr(" (+{count} more: hover the field)").format(count=len(found) - 1) \
                if len(found) > 1 else ""
            message.setText(f"{'✗' if error else '⚠'} {first.message} — {first.suggestion}{more}")
            message.setStyleSheet(colours.text_style("error" if error else "warning", "font-size: 9pt"))

    def shown(self) -> set[str]:
        """Every name this form answers for: an empty field or a normal figure here means
        "not measured" or "normal", not "keep what another garment's form said"."""
        return set(self.fields) | self.figure.shown()

    def values_mm(self) -> dict[str, float]:
        """Measurements taken (mm), and the figure where it is not normal."""
        return {**{n: b.value() for n, b in self.fields.items() if b.value() > 0},
                **self.figure.values_mm()}


class OptionsForm(QWidget):
    """Options grouped as the block declares (fit / style / advanced); hidden when not used."""

    changed = Signal()

    def __init__(self, block: Block, unit: str = "cm") -> None:
        super().__init__()
        self.block = block
        self.unit = unit  # lengths (eases, adjustments) read in the customer's unit
        self.widgets: dict[str, QWidget] = {}
        self._rows: dict[str, tuple[QFormLayout, QWidget]] = {}
        outer = QVBoxLayout(self)
        for group, specs in block.option_groups().items():
            if not specs:
                continue
            box = QGroupBox(QCoreApplication.translate("OptionsForm", GROUP_TITLES[group]))
            form = QFormLayout(box)
            for spec in specs:
                widget = self._widget(spec)
                widget.setObjectName(f"option_{spec.name}")
                if spec.help:
                    widget.setToolTip(block_text(spec.help))
                form.addRow(block_text(spec.label), widget)
                self.widgets[spec.name] = widget
                self._rows[spec.name] = (form, widget)
            outer.addWidget(box)
        outer.addStretch(1)
        self._preset_lock = False
        self.update_visibility()

    def _widget(self, spec: OptionSpec) -> QWidget:
        if spec.type == "choice":
            w = QComboBox()
            w.addItems([choice_text(c) for c in spec.choices])
            w.setCurrentIndex(spec.choices.index(spec.default))
            w.currentIndexChanged.connect(lambda _=0, n=spec.name: self._on_change(n))
        elif spec.type == "boolean":
            w = QCheckBox()
            w.setChecked(bool(spec.default))
            w.toggled.connect(lambda _=False, n=spec.name: self._on_change(n))
        elif spec.type == "count":
            w = QSpinBox()
            w.setRange(int(spec.min), int(spec.max))
            w.setValue(int(spec.default))
            w.valueChanged.connect(lambda _=0, n=spec.name: self._on_change(n))
        elif spec.type == "length":
            w = TapeSpinBox(self.unit)
            w.setRange(spec.min, spec.max)
            w.setValue(spec.default)
            w.valueChanged.connect(lambda _=0.0, n=spec.name: self._on_change(n))
        else:
            w = QDoubleSpinBox()
            w.setRange(spec.min, spec.max)
            w.setDecimals(1)
            w.setSuffix({"percent": " %", "angle": "°"}[spec.type])
            w.setKeyboardTracking(False)
            w.setValue(spec.default)
            w.valueChanged.connect(lambda _=0.0, n=spec.name: self._on_change(n))
        return w

    def _on_change(self, name: str) -> None:
        if self._preset_lock:
            return
        if name == self.block.preset_option:
            self._apply_preset()
        self.update_visibility()
        self.changed.emit()

    def _apply_preset(self) -> None:
        self.set_values(self.block.presets.get(self.value(self.block.preset_option), {}))

    def value(self, name: str) -> Any:
        spec, w = self.block.options[name], self.widgets[name]
        if spec.type == "choice":
            return spec.choices[w.currentIndex()]
        if spec.type == "boolean":
            return w.isChecked()
        return w.value()

    def set_value(self, name: str, value: Any) -> None:
        spec, w = self.block.options[name], self.widgets[name]
        if spec.type == "choice":
            w.setCurrentIndex(spec.choices.index(value))
        elif spec.type == "boolean":
            w.setChecked(bool(value))
        else:
            w.setValue(value)

    def set_values(self, values: dict[str, Any]) -> None:
        """Put back a set of values at once (undo) without a change signal per widget."""
        self._preset_lock = True
        try:
            for name, value in values.items():
                self.set_value(name, value)
        finally:
            self._preset_lock = False
        self.update_visibility()

    def values(self) -> dict[str, Any]:
        return {name: self.value(name) for name in self.widgets}

    def set_unit(self, unit: str) -> None:
        """Show every length option in `unit`; the values (mm) do not change."""
        self.unit = unit
        for w in self.widgets.values():
            if isinstance(w, TapeSpinBox):
                w.set_unit(unit)

    def update_visibility(self) -> None:
        shown = active_options(self.block, self.values())
        for name, (form, widget) in self._rows.items():
            form.setRowVisible(widget, shown[name])
