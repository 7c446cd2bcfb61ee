"""The body a block is drafted for on the workbench: a customer of the store, a row of a size
chart, or a percentile body of the survey — each completed by estimates where it is silent, as
a size run completes a chart row, so any block can be drafted for any of them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from mtm_app.block.model import Block
from mtm_app.drafting.population import population_sex
from mtm_app.measurements.estimate import estimate_missing, likely_sex
from mtm_app.measurements.percentiles import PERCENTILES, percentile_body
from mtm_app.measurements.sizes import charts
from mtm_app.store import Store
from mtm_app.ui.language import block_text

CUSTOMERS, PERCENTILE, FOUND = "customers", "percentiles", "found"


@dataclass(frozen=True)
class Body:
    label: str
    values: dict[str, float]  # mm, complete
    sex: str


def _completed(label: str, known: dict[str, float], sex: str | None) -> Body:
    sex = sex or likely_sex(known)
    return Body(label, {**{n: e.value for n, e in estimate_missing(known, sex).items()}, **known}, sex)


class BodyChooser(QWidget):
    """Where the body comes from (customers, a chart, the survey), then which one."""

    changed = Signal()

    def __init__(self, store: Store | None) -> None:
        super().__init__()
        self.store = store
        self.source = QComboBox()
        self.source.setObjectName("body_source")
        self.source.setAccessibleName(self.tr("Bodies from"))
        self.which = QComboBox()
        self.which.setObjectName("body")
        self.which.setAccessibleName(self.tr("Body"))
        if store is not None:
            self.source.addItem(self.tr("Customers"), CUSTOMERS)
        for chart in charts().values():
            self.source.addItem(self.tr("Chart: {name}").format(name=block_text(chart.name)), chart.id)
        self.source.addItem(self.tr("ANSUR II percentiles"), PERCENTILE)
        self.found: list[dict[str, float]] = []  # bodies picked from the population check's list
        self.source.currentIndexChanged.connect(self._list_bodies)
        self.which.currentIndexChanged.connect(lambda _i: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Draft for:")))
        layout.addWidget(self.source, 2)
        layout.addWidget(self.which, 1)
        self._list_bodies()

    def _list_bodies(self) -> None:
        source = self.source.currentData()
        self.which.blockSignals(True)
        self.which.clear()
        if source == CUSTOMERS:
            for customer in self.store.search():
                self.which.addItem(customer.name, customer.id)
        elif source == FOUND:
            for k in range(len(self.found)):
                self.which.addItem(self.tr("Body {n}").format(n=k + 1), k)
            self.which.setCurrentIndex(self.which.count() - 1)
        elif source == PERCENTILE:
            for sex, word in (("male", self.tr("Man")), ("female", self.tr("Woman"))):
                for p in PERCENTILES:
                    self.which.addItem(self.tr("{sex} P{percentile}").format(sex=word, percentile=p),
                                       f"{sex} {p}")
        else:
            for size, _values in charts()[source].sizes:
                self.which.addItem(size, size)
            self.which.setCurrentIndex(self.which.count() // 2)  # the sample size
        self.which.blockSignals(False)
        self.changed.emit()

    def choose(self, source: str, which) -> None:
        """Show `which` body of `source`: a customer's id, a chart id and size, or
        'percentiles' and 'male 98'."""
        self.source.setCurrentIndex(self.source.findData(source))
        self.which.setCurrentIndex(self.which.findData(which))

    def show_found(self, values: dict[str, float]) -> None:
        """Draft for a body the population check listed (a failure or a refusal to look at)."""
        self.found.append(dict(values))
        if self.source.findData(FOUND) < 0:
            self.source.addItem(self.tr("Population check"), FOUND)
        if self.source.currentData() == FOUND:
            self._list_bodies()
        else:
            self.source.setCurrentIndex(self.source.findData(FOUND))

    def suit(self, block: Block) -> None:
        """A body the block is made for: the middle size of its own chart, else the survey's
        middle body of the sex the block is for (a man when nothing tells)."""
        if block.default_size_chart in charts():
            chart = charts()[block.default_size_chart]
            self.choose(chart.id, chart.sizes[len(chart.sizes) // 2][0])
        else:
            self.choose(PERCENTILE, f"{population_sex(block) or 'male'} 50")

    def body(self) -> Body | None:
        source, which = self.source.currentData(), self.which.currentData()
        label = f"{self.source.currentText()} · {self.which.currentText()}"
        if which is None:
            return None
        if source == CUSTOMERS:
            customer = self.store.customer(which)
            if not customer.sessions:
                return None
            session = customer.sessions[-1]
            return _completed(customer.name, dict(session.values), session.sex)
        if source == FOUND:
            return _completed(label, self.found[which], None)
        if source == PERCENTILE:
            sex, percentile = which.split()
            return Body(label, percentile_body(sex, float(percentile)), sex)
        chart = charts()[source]
        return _completed(label, dict(dict(chart.sizes)[which]), chart.sex)
