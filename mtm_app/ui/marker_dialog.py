"""Asking for a marker: the fabric's usable width, which material, one-way or not, and how long
the solver may look."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
)

from mtm_app.consumption import width_in_words
from mtm_app.marker import MarkerSpec
from mtm_app.pieces import MATERIALS
from mtm_app.store.models import Fabric

# the materials a piece is cut from (pieces.MATERIALS), as the dialog names them
MATERIAL_TEXT = {"self": QT_TRANSLATE_NOOP("MarkerDialog", "self"),
                 "lining": QT_TRANSLATE_NOOP("MarkerDialog", "lining"),
                 "interfacing": QT_TRANSLATE_NOOP("MarkerDialog", "interfacing"),
                 "contrast": QT_TRANSLATE_NOOP("MarkerDialog", "contrast")}


def material_text(material: str) -> str:
    """A material ('lining') as the window's language names it."""
    return QCoreApplication.translate("MarkerDialog", MATERIAL_TEXT.get(material, material))


def width_in(fabric: str, default: float = 150.0) -> float:
    """The width a fabric description names ('cotton poplin, 140 cm' → 140), in cm."""
    width = width_in_words(fabric)
    return width / 10 if width is not None else default


class MarkerDialog(QDialog):
    """Width, nap and repeat from the catalogue fabric when the orders have one, else the width
    their fabric's words give."""

    def __init__(self, fabric: str, parent=None, cloth: Fabric | None = None) -> None:
        super().__init__(parent)
        self.repeat = (cloth.repeat_length_mm, cloth.repeat_width_mm) if cloth else (0.0, 0.0)
        self.setWindowTitle(self.tr("Lay a marker"))
        self.width_cm = QDoubleSpinBox()
        self.width_cm.setObjectName("marker_width")
        self.width_cm.setRange(10.0, 400.0)
        self.width_cm.setDecimals(1)
        self.width_cm.setSuffix(" cm")
        self.width_cm.setValue(cloth.width_mm / 10 if cloth else width_in(fabric))
        self.material = QComboBox()
        self.material.setObjectName("marker_material")
        for material in MATERIALS:
            self.material.addItem(
                material_text(material), material)
        self.one_way = QCheckBox(self.tr("nap or a one-way print: no piece turned end for end"))
        self.one_way.setObjectName("marker_one_way")
        self.one_way.setChecked(bool(cloth and cloth.one_way))
        self.seconds = QSpinBox()
        self.seconds.setObjectName("marker_seconds")
        self.seconds.setRange(1, 600)
        self.seconds.setValue(MarkerSpec(1500.0).seconds)
        self.seconds.setSuffix(" s")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Usable fabric width"), self.width_cm)
        form.addRow(self.tr("Material"), self.material)
        form.addRow("", self.one_way)
        form.addRow(self.tr("Time to look for a shorter marker"), self.seconds)
        form.addRow(buttons)

    def spec(self) -> MarkerSpec:
        return MarkerSpec(self.width_cm.value() * 10, one_way=self.one_way.isChecked(),
                          seconds=self.seconds.value(), repeat=self.repeat)
