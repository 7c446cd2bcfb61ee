"""The checks panel: measurement findings, the customer's personal alterations, fit checks
and seam pairs, pass or fail."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from mtm_app.drafting import Draft
from mtm_app.measurements.units import show_change, show_length
from mtm_app.measurements.validate import Finding
from mtm_app.ui import colours
from mtm_app.ui.language import block_text, decimal

# a warning is not an error: it looks different (amber ⚠, red ✗), as on the form; a check not
# measured on this draft is greyed (–) with why
MARKS = {"ok": "✓", "warning": "⚠", "error": "✗", "muted": "–"}


class ChecksPanel(QTreeWidget):
    """Measurement findings, fit checks and seam pairs of the current draft, pass or fail."""

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderLabels([self.tr("Check"), self.tr("Result")])
        self.setAccessibleName(self.tr("Pattern checks"))
        self.setMinimumHeight(120)
        # the check's name gets the room it needs (up to most of the panel), the result the
        # rest; both can be dragged wider, and a cell too narrow shows its whole text on hover
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.header().setStretchLastSection(True)

    def show_checks(self, result: Draft | None, findings: list[Finding], unit: str = "cm",
                    constraints: list[tuple[str, bool]] = ()) -> None:
        """Findings and checks, lengths in the customer's unit; the block's constraints (each
        rule in its words, kept or not) where the pattern maker wants them listed."""
        self.clear()

        def length(mm: float) -> str:  # as a tape reads: 1 mm, 0.1 cm or 1/8 in
            return show_length(mm, unit)

        def angle(degrees: float) -> str:  # a tangent check's kink
            return f"{decimal(f'{degrees:.1f}')}°"

        def difference(mm: float) -> str:  # a seam's is finer than a tape: 0.1 mm, 0.01 in
            text = f"{mm / 25.4:+.2f} in" if unit == "in" else f"{mm:+.1f} mm"
            text = text.replace("-0.00", "+0.00").replace("-0.0 ", "+0.0 ")
            number, shown_in = text.split()
            return f"{decimal(number)} {shown_in}"

        groups = [(self.tr("Measurements"), [(f.message, f.severity, f.suggestion) for f in findings]),
                  (self.tr("Constraints"), [(text, _state(ok), "") for text, ok in constraints])]
        if result is not None:
            groups += [
                (self.tr("Personal alterations"), [
                    (a.describe(unit), "warning" if a.overridden else "ok",
                     f"{block_text(result.block.options[a.option].label).lower()} "
                     + (self.tr("replaced by the value chosen") if a.overridden
                        else show_change(a.change, unit)))
                    for a in result.alterations]),
                (self.tr("Fit"), [(block_text(f.label), _state(f.ok), self.tr(
                    "{measured} (want {target} ± {tolerance})").format(
                    measured=shown(f.measured), target=shown(f.target),
                    tolerance=shown(f.tolerance))) for f in result.fits
                    for shown in [length if f.unit == "mm" else angle]]),
                (self.tr("Seams"), [(block_text(s.name), _state(s.ok), difference(s.difference))
                                    for s in result.seams]),
                (self.tr("Pieces"), [(p, "error", self.tr("invalid")) for p in result.problems]
                 + [(w, "warning", "") for w in result.warnings]),
                (self.tr("Not checked"), [(block_text(s.label), "muted", s.reason())
                                          for s in result.skipped]),
            ]
        for title, rows in groups:
            if not rows:
                continue
            top = QTreeWidgetItem([title, ""])
            self.addTopLevelItem(top)
            for name, state, text in rows:
                mark, colour = MARKS[state], colours.text(state)
                item = QTreeWidgetItem([f"{mark} {name}", text])
                item.setForeground(0, colour)
                tip = f"{mark} {name}" + (f"\n{text}" if text else "")
                item.setToolTip(0, tip)
                item.setToolTip(1, tip)
                top.addChild(item)
            top.setExpanded(True)
        self._share_columns()

    def _share_columns(self) -> None:
        room = self.viewport().width()
        self.setColumnWidth(0, max(min(self.sizeHintForColumn(0), int(room * 0.62)),
                                   self.header().sectionSizeHint(0)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._share_columns()


def _state(ok: bool) -> str:
    return "ok" if ok else "error"
