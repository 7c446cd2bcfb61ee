"""What the construction came to for the body on screen: a point's coordinates when it is
clicked (or its name hovered in the text), and every `values:` entry's value."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from mtm_app.drafting.construction import Construction
from mtm_app.i18n import number


class ValueInspector(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.construction: Construction | None = None
        self.chosen = QLabel(self.tr("Click a point, or rest the pointer on a name in the text."))
        self.chosen.setObjectName("inspected")
        self.chosen.setWordWrap(True)
        self.chosen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTreeWidget()
        self.table.setObjectName("values_table")
        self.table.setAccessibleName(self.tr("Values for this body"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("Value"), self.tr("For this body")])
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSortingEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.chosen)
        layout.addWidget(self.table, 1)
        self._rows: dict[str, QTreeWidgetItem] = {}

    def show_construction(self, built: Construction) -> None:
        self.construction = built
        self.table.clear()
        self._rows = {}
        for name, value in built.values.items():
            item = QTreeWidgetItem([name, number(value, 2)])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.addTopLevelItem(item)
            self._rows[name] = item

    def describe(self, name: str) -> str:
        """A named point's coordinates or a value, for this body; '' for any other word."""
        built = self.construction
        if built is None:
            return ""
        if name in built.points:
            x, y = built.points[name]
            return self.tr("point {name}: x {x} mm, y {y} mm").format(
                name=name, x=number(x, 1), y=number(y, 1))
        if name in built.values:
            return self.tr("{name} = {value}").format(name=name, value=number(built.values[name], 2))
        if name in built.curves:
            return self.tr("curve {name}").format(name=name)
        return ""

    def show_name(self, name: str) -> None:
        """Say what `name` is, and show its row if it is a value."""
        said = self.describe(name)
        if not said:
            return
        self.chosen.setText(said)
        row = self._rows.get(name)
        if row is not None:
            self.table.setCurrentItem(row)
            self.table.scrollToItem(row)
