"""Size and fit advice: the nearest stock size in every chart, what to alter, and the fit
preset to choose from the body's drop and the customer's preference."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mtm_app.errors import MtmError
from mtm_app.measurements.fits import FIT_PREFERENCES
from mtm_app.measurements.sizes import SizeMatch, changes_text, recommend_fit, size_advice, source_text
from mtm_app.measurements.units import change_unit
from mtm_app.ui import colours
from mtm_app.ui.forms import choice_text
from mtm_app.ui.language import block_text

PREFERENCE_TEXT = {"close": QT_TRANSLATE_NOOP("SizePanel", "closer than usual"),
                   "standard": QT_TRANSLATE_NOOP("SizePanel", "as usual"),
                   "comfortable": QT_TRANSLATE_NOOP("SizePanel", "more room than usual")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SizePanel", text)


def _show_match(line: QLabel, match: SizeMatch, unit: str) -> None:
    """One chart's advice, differences in the customer's unit (inches as a tape reads)."""
    verdict = (QCoreApplication.translate("SizePanel", "✓ stock size fits") if match.fits
               else QCoreApplication.translate("SizePanel", "✗ made-to-measure"))
    alter = "; ".join(t for t in (changes_text(match.alterations, unit, False),
                                  changes_text(match.length_changes, unit, False)) if t)
    colour = colours.text("ok" if match.fits else "error").name()
    differences = changes_text(match.key_differences, unit, False)
    shown_in = change_unit(unit)
    size = QCoreApplication.translate("SizePanel", "size")
    versus = QCoreApplication.translate("SizePanel", "customer − size ({unit})").format(unit=shown_in)
    altered = QCoreApplication.translate("SizePanel", "alter ({unit})").format(unit=shown_in)
    line.setText(f"<b>{escape(block_text(match.chart.name))}</b>: {size} <b>{escape(match.size)}</b> "
                 f"<span style='color:{colour}'>{verdict}</span>"
                 f"<br>{versus}: {escape(differences)}"
                 + (f"<br>{altered}: {escape(alter)}" if alter else ""))
    line.setProperty("plain", f"{block_text(match.chart.name)}: {size} {match.size} {verdict}; "
                              f"{versus}: {differences}"
                              + (f"; {altered}: {alter}" if alter else ""))
    line.setToolTip(QCoreApplication.translate("SizePanel", "{verdict}\nSource: {source}").format(
        verdict=match.verdict(unit), source=source_text(match.chart)))


class SizePanel(QWidget):
    """The advice for the measurements on the form; the tailor can take the fit it suggests."""

    preference_changed = Signal(str)
    fit_chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.preference = QComboBox()
        self.preference.setObjectName("fit_preference")
        for key in FIT_PREFERENCES:
            self.preference.addItem(_tr(PREFERENCE_TEXT[key]), key)
        self.preference.setCurrentIndex(FIT_PREFERENCES.index("standard"))
        self.preference.currentIndexChanged.connect(
            lambda _i: self.preference_changed.emit(self.preference.currentData()))
        self.fit = QLabel()
        self.fit.setObjectName("recommended_fit")
        self.fit.setWordWrap(True)
        self.use_fit = QPushButton(self.tr("Use this fit"))
        self.use_fit.setObjectName("use_recommended_fit")
        self.use_fit.clicked.connect(lambda: self.fit_chosen.emit(self._recommended))
        self.sizes = QVBoxLayout()  # one wrapped line per chart: the dock is narrow
        self._lines: list[QLabel] = []
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("The customer likes it"), self.preference)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fit)
        layout.addWidget(self.use_fit)
        layout.addLayout(self.sizes)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._recommended = ""

    def set_preference(self, preference: str) -> None:
        """Show a customer's stored preference without announcing it as a change."""
        self.preference.blockSignals(True)
        self.preference.setCurrentIndex(FIT_PREFERENCES.index(preference))
        self.preference.blockSignals(False)

    def size_lines(self) -> list[str]:
        """The advice per chart as shown, in plain text."""
        return [line.property("plain") for line in self._lines if not line.isHidden()]

    def _set_matches(self, matches: list[SizeMatch], unit: str = "cm") -> None:
        """One line per chart; the labels are kept and reused (this runs on every keystroke)."""
        while len(self._lines) < len(matches):
            line = QLabel()
            line.setWordWrap(True)
            self.sizes.addWidget(line)
            self._lines.append(line)
        for line, match in zip(self._lines, matches, strict=False):
            _show_match(line, match, unit)
            line.show()
        for line in self._lines[len(matches):]:
            line.hide()

    def clear(self, reason: str) -> None:
        self._set_matches([])
        self.fit.setText("")
        self.use_fit.setEnabled(False)
        self.note.setText(reason)

    def show_advice(self, values: dict[str, float], sex: str, presets: tuple[str, ...],
                    current_fit: str | None, unit: str = "cm") -> None:
        """Advice for these measurements (mm), read in the customer's `unit`; `presets` are the
        garment's fits, if it has any."""
        try:
            matches = size_advice(values, sex)
        except MtmError as exc:
            self.clear(str(exc))
            return
        self._set_matches(matches, unit)
        self.note.setText(self.tr("A stock size fits when chest or bust, waist and seat are all "
                                  "within the chart's tolerance; lengths are altered on any size."))
        self.use_fit.setVisible(bool(presets))
        if not presets:
            self.fit.setText(self.tr("This garment has no fit presets."))
            return
        self._recommended, reason = recommend_fit(values, sex, self.preference.currentData(), presets,
                                                  unit)
        self.fit.setText(self.tr("<b>Recommended fit: {fit}</b> ({reason})").format(
            fit=choice_text(self._recommended), reason=reason))
        self.use_fit.setEnabled(self._recommended != current_fit)
