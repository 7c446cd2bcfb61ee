"""The window's orders: confirm one (its files written with a progress bar), write an order's
files again, lay orders in a marker. The files are made by the Qt-free `mtm_app.orders`."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from mtm_app import unsaved
from mtm_app.block.model import Block
from mtm_app.consumption import estimated_metres
from mtm_app.drafting import draft
from mtm_app.drafting.inputs import resolve_options
from mtm_app.errors import MtmError
from mtm_app.export.files import ORDER_FORMATS, FileSettings
from mtm_app.fittings import personal_alterations
from mtm_app.i18n import current
from mtm_app.library import garment_name
from mtm_app.marker import MarkerSpec
from mtm_app.measurements.catalogue import label
from mtm_app.measurements.validate import check_measurements
from mtm_app.orders import Garment, cloth_key, garment_key, lay_orders, place_order, rewrite_order_files
from mtm_app.store.errors import StoreError
from mtm_app.store.fabrics import fabric
from mtm_app.store.models import Customer, Fabric
from mtm_app.ui import colours
from mtm_app.ui.fabrics_page import code_in
from mtm_app.ui.language import block_text, choice_text, decimal, moment_text
from mtm_app.ui.marker_dialog import MarkerDialog, material_text
from mtm_app.ui.printing import print_with_dialog


def marker_progress_text(report, seconds: int) -> str:
    """What the cutter reads while the solver works: the best length so far, and the time."""
    best = (QCoreApplication.translate("OrderActions", "best so far {length} m").format(
        length=decimal(f"{report.length / 1000:.2f}")) if report.length
        else QCoreApplication.translate("OrderActions", "starting"))
    if report.section > 1:
        return QCoreApplication.translate(
            "OrderActions", "Laying the marker (section {section}, {elapsed} s of up to {seconds} s): "
                            "{best}").format(section=report.section, elapsed=f"{report.elapsed:.0f}",
                                             seconds=seconds, best=best)
    return QCoreApplication.translate(
        "OrderActions", "Laying the marker ({elapsed} s of up to {seconds} s): {best}").format(
        elapsed=f"{report.elapsed:.0f}", seconds=seconds, best=best)


class OrderActions:
    """Mixed into the main window: uses its store, customer, draft and order panel."""

    def order_problems(self) -> list[str]:
        """Why the form as it is now cannot be ordered (empty: it can). Typing not yet entered
        is taken first, and the pattern drafted again from exactly what the form holds."""
        unreadable = self.commit_typing()
        self.measurements.insist = True  # from now on a field not measured is red
        self.redraft()
        problems = [self.tr("{name}: '{text}' is not a number").format(
                        name=label(n), text=self.measurements.unreadable[n][:40]) for n in unreadable]
        if not self.consent_given:
            problems.insert(0, self.tr("the customer has not agreed that we keep their measurements "
                                       "(Consent, on the Customers page)"))
        added = self.order_panel.ordered()
        if added:  # the garments of the order, not the one on the Style page, are what is cut
            return problems + self._added_garment_problems([g.block for g in added])
        problems += [f.message for f in self.findings if f.severity == "error"]
        if not problems and not self.draft_current:
            problems.append(self.draft_problem or self.tr("the pattern cannot be drafted"))
        elif not problems and not self.last_draft.ok:
            problems += self.last_draft.failures()
        return problems

    def _added_garment_problems(self, blocks: list) -> list[str]:
        """The measurement errors of the body the garments added are cut for, once each (in the
        customer's unit), named by the garments that need the measurement; each garment is
        drafted again before the order is placed."""
        needs: dict[str, list[str]] = {}
        for block in {b.id: b for b in blocks}.values():  # a garment added twice counts once
            for name, spec in block.measurements.items():
                if spec.derive is None:
                    needs.setdefault(name, []).append(block_text(block.name))
        findings = check_measurements(self.all_measurements(), self.measurements.unit(), self.customer_sex,
                                      list(needs))
        return [self.tr("{garment}: {problem}").format(garment=" + ".join(needs[f.field]), problem=f.message)
                if f.field in needs else f.message for f in findings if f.severity == "error"]

    def confirm_order(self) -> None:
        """Save the measurements, record the order and write its files, showing progress.

        The order is drafted from the session as stored, so the session, the files and the
        ticket carry the same values and the same trace; anything red, missing or not yet
        drafted refuses the order and says why."""
        if self.store is None or self.customer_id is None or self._confirming:
            return
        if self._double_click():
            return
        self._confirming = True
        try:
            self._confirm_order(self.customer_id)
        finally:
            self._confirming = False

    def _confirm_order(self, customer_id: int) -> None:
        problems = self.order_problems()
        if problems:
            more = self.tr(" (+{count} more)").format(count=len(problems) - 3) if len(problems) > 3 else ""
            self._alert(self.tr("⚠ the order was not confirmed — {problems}. Correct the fields "
                                "marked in red, then confirm again.").format(
                problems="; ".join(problems[:3]) + more))
            self._focus_first_problem()
            return
        if not self._confirm_despite_other_window():
            return
        session_id = self.save_measurements()
        session = self.store.measurement_session(session_id)
        garments = self._garments_to_order(session.values)
        if garments is None:
            return
        panel = self.order_panel
        progress = QProgressDialog(self.tr("Writing the order's files…"), "", 0,
                                   len(ORDER_FORMATS) * len(garments), self)
        progress.setCancelButton(None)
        progress.setMinimumDuration(0)
        # the files are written with the window's events running: no click, shortcut or other
        # customer reaches the window meanwhile
        progress.setWindowModality(Qt.WindowModality.WindowModal)

        def step(done: int, _total: int, _path: Path) -> None:
            progress.setValue(done)
            QApplication.processEvents()

        cloth = self._catalogue_fabric(panel.fabric.text())
        settings = FileSettings(customer=self.customer_name, fabric=panel.fabric.text(),
                                notes=panel.notes.text(),
                                fabric_width_mm=cloth.width_mm if cloth else 0.0)
        try:
            order, written = place_order(self.store, customer_id, session_id, garments, settings,
                                         panel.quantity.value(), frozenset(session.estimated), step,
                                         due_date=panel.due_date(),
                                         fabric_code=cloth.code if cloth else "",
                                         by=self.measured_by.text().strip(), language=current(),
                                         shop=self.shop())
        except (MtmError, OSError) as exc:
            self._alert(self.tr("⚠ the order was not recorded: {reason}").format(reason=exc))
            return
        finally:
            progress.close()
            self.activateWindow()  # back to the form, where the tailor was typing
        unsaved.discard_order(customer_id)  # confirmed: a crash now must not bring it back
        if self.customer_id != customer_id:  # another customer on screen now: their page stays theirs
            self.production.refresh()
            return
        self._last_confirm = (time.monotonic(), customer_id, self._what_is_ordered())
        self._order_on_disk, self._order_base = None, order.reference
        panel.clear_order_fields()  # the next order starts blank, never with this one's notes
        panel.show_current(self.block)
        panel.show_orders(self.store.customer(customer_id).orders)
        self.production.refresh()
        self.statusBar().showMessage(self.tr("Order {reference} confirmed; files in {folder}").format(
            reference=order.reference, folder=written[0].parent), 8000)
        self._warn_if_short(cloth, garments, order.quantity)

    def _double_click(self) -> bool:
        """Whether this Confirm is the second click of a double click that landed just after the
        first placed its order: nothing changed since and the page is blank again, so it would
        order the garment on the Style page a second time."""
        done, customer, ordered = self._last_confirm
        window = 2 * QApplication.doubleClickInterval() / 1000  # s
        if customer != self.customer_id or time.monotonic() - done >= window:
            return False
        self.commit_typing()  # a value typed since is a change
        return self.order_panel.unsaved().empty and self._what_is_ordered() == ordered

    def _what_is_ordered(self) -> tuple:
        """The garment on the Style page, its options and the measurements, as a Confirm of a
        blank page would order them."""
        return (self.block.id, sorted(self.style_choices().items(), key=repr),
                sorted(self.all_measurements().items()))

    def _newest_order(self, customer: Customer | None = None) -> str:
        """The reference of the customer's newest order ('' for none)."""
        orders = (customer or self.store.customer(self.customer_id)).orders
        return max(orders, key=lambda o: o.id).reference if orders else ""

    def _confirm_despite_other_window(self) -> bool:
        """Whether to go on when the order being made may already be cut: an order was placed
        for the customer since it was begun (another window confirmed it, or this one did just
        before a crash), or the copy kept on disk is no longer what this window last kept or read
        (another window changed or cleared it). Confirming both would cut the suit twice: the
        tailor decides."""
        if self._order_on_disk is None:
            return True
        found = unsaved.recover_order(self.customer_id, self.customer_since)
        newest = self._newest_order()
        if found is not None and found.content == self._order_on_disk and newest == self._order_base:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Order changed elsewhere"), (
            self.tr("An order was confirmed for {customer} since this one was begun ({reference}): it "
                    "may be this one.").format(customer=self.customer_name, reference=newest)
            if newest != self._order_base else
            self.tr("Another window changed or cleared {customer}'s order being made since this one "
                    "kept it.").format(customer=self.customer_name))
            + "\n\n" + self.tr("Confirm the order on this screen as well? It would be cut as a "
                                 "separate order."), parent=self)
        box.setObjectName("order_conflict")
        again = box.addButton(self.tr("Confirm this one as well"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is again

    def _garments_to_order(self, values_mm: dict[str, float]) -> list[Garment] | None:
        """Each garment of the order drafted from the session as stored: the ones added on the
        Order page, or else the one on the Style page. None (and said why) when one cannot be
        drafted or fails its checks: a suit is ordered whole or not at all."""
        added = self.order_panel.ordered()
        wanted = ([(g.block, g.options, g.fabric) for g in added] if added
                  else [(self.block, self.style_choices(), "")])
        garments = []
        for block, options, cloth_text in wanted:
            try:
                result = draft(block, values_mm, options,
                               personal_alterations(self.store, self.customer_id, block.id))
            except MtmError as exc:
                result, failures = None, [str(exc)]
            else:
                failures = result.failures()
            if failures:  # the form's own garment cannot differ from its draft but by rounding
                self._alert(self.tr("⚠ the order was not confirmed — {garment}: {problems}").format(
                    garment=block_text(block.name), problems="; ".join(failures[:3])))
                return None
            if not cloth_text:  # the order's fabric
                garments.append(Garment(result))
                continue
            cloth = self._catalogue_fabric(cloth_text)
            garments.append(Garment(result, cloth_text, cloth.code if cloth else "",
                                    cloth.width_mm if cloth else 0.0))
        return garments

    def add_garment_to_order(self) -> None:
        """The garment on the Style page, with the options chosen now, joins the order (a suit:
        the jacket, then the trousers…)."""
        choices = self.style_choices()
        self.order_panel.add(self.block, choices, self._choices_text(self.block, choices))
        self.statusBar().showMessage(self.tr("{garment} added to the order").format(
            garment=block_text(self.block.name)), 5000)

    def _choices_text(self, block: Block, choices: dict) -> str:
        """'Lapel: peak, Buttons: 2', as the order's list of garments shows them."""
        words = [self.tr("{option}: {choice}").format(
                     option=block_text(block.options[n].label),
                     choice=choice_text(v) if isinstance(v, str) else f"{v:g}")
                 for n, v in choices.items()]
        return ", ".join(words) or self.tr("as drafted (defaults)")

    def keep_order(self, customer: Customer | None = None) -> None:
        """Put the order being made on disk (nothing of a customer who has not agreed, or who
        was erased elsewhere). A copy this window kept that is gone from disk while an order was
        placed for the customer since was confirmed elsewhere: it is not brought back. `customer`:
        the customer as just read from the store, if the caller has them."""
        if self.store is None or self.customer_id is None:
            return
        customer = customer or self._still_there()
        if customer is None:
            return
        order = self.order_panel.unsaved(self.customer_since)
        if not self.consent_given or order.empty:
            unsaved.discard_order(self.customer_id)
            self._order_on_disk = None
            return
        newest = self._newest_order(customer)
        if self._order_on_disk is None:  # begun in this window: after the customer's newest order
            self._order_base = newest
        elif newest != self._order_base and not unsaved.kept(self.customer_id)[1]:
            return
        unsaved.keep_order(self.customer_id, replace(order, base_order=self._order_base))
        self._order_on_disk = order.content

    def recover_order(self) -> str:
        """The order a crash, a kill or a switch of customer left unconfirmed, put back on the
        Order page as the blocks load now; what is said of it ('' when there was none). A
        garment whose block is gone or no longer takes its options is left out, and named."""
        found = unsaved.recover_order(self.customer_id, self.customer_since)
        self._order_on_disk = found.content if found else None
        newest = self._newest_order()
        self._order_base = found.base_order if found else newest
        if found is None:
            return ""
        garments, notes = [], []
        for kept in found.garments:
            block = self._blocks.get(kept.block_id)
            if block is None:
                notes.append(self.tr("{garment} left out: its block is no longer in the library").format(
                    garment=block_text(kept.name or garment_name(kept.block_id))))
                continue
            try:
                resolve_options(block, kept.options)
            except MtmError as exc:
                notes.append(self.tr("{garment} left out: {reason}").format(
                    garment=block_text(block.name), reason=exc.message))
                continue
            if kept.block_version and kept.block_version != block.version:
                notes.append(self.tr("{garment} is now cut from version {version} (was {was})").format(
                    garment=block_text(block.name), version=block.version, was=kept.block_version))
            garments.append((block, kept.options, self._choices_text(block, kept.options), kept.fabric))
        self.order_panel.restore(found, garments)
        self.order_panel.show_current(self.block)
        said = [] if self.order_panel.unsaved().empty else [self.tr(
            "{customer}'s order, not yet confirmed, is back on the Order page (as kept at {when}).").format(
            customer=self.customer_name, when=moment_text(found.kept_at))]
        if said and newest != found.base_order:
            said.append(self.tr("An order was confirmed for them since ({reference}): make sure it is not "
                                "this one before confirming.").format(reference=newest))
        return " ".join([*said, *(note + "." for note in notes)])

    def _catalogue_fabric(self, text: str) -> Fabric | None:
        """The catalogue's fabric the order's fabric field names by its code, if any."""
        code = code_in(text)
        try:
            return fabric(self.store, code) if code else None
        except StoreError:
            return None

    def _warn_if_short(self, cloth: Fabric | None, garments: list[Garment], quantity: int) -> None:
        """Confirmed, but the stock will not cover it: say so while the customer is there
        (the order's fabric: the garments cut from it)."""
        if cloth is None:
            return
        needed = sum(estimated_metres(g.result.pieces, cloth.width_mm, quantity)
                     for g in garments if g.fabric is None)
        if needed > cloth.stock_m:
            self.banner.setText(self.tr(
                "⚠ {code}: this order needs about {needed} m, the stock is {stock} m — order more "
                "cloth or choose another fabric for the next garment").format(
                code=cloth.code, needed=decimal(f"{needed:.2f}"), stock=decimal(f"{cloth.stock_m:g}")))
            self.banner.setStyleSheet(colours.text_style("warning", "font-weight: bold"))

    def _focus_first_problem(self) -> None:
        bad = [*self.measurements.unreadable,
               *(f.field for f in self.findings if f.severity == "error")]
        for name in bad:
            if name in self.measurements.fields:
                self.measurements.fields[name].setFocus()
                return

    def reprint_order(self, order_id: int) -> list[Path]:
        """Write an order's files again, from its own measurements and options."""
        try:
            written = rewrite_order_files(self.store, order_id)
        except (MtmError, OSError) as exc:
            self._alert(f"⚠ {exc}")
            return []
        self.statusBar().showMessage(self.tr("Files written again in {folder}").format(
            folder=written[0].parent), 8000)
        return written

    def print_order_file(self, order_id: int, ending: str, preview: bool = False) -> int:
        """Print one of an order's PDFs at 100 %: its cut ticket, or its tiled pages (a suit's:
        each garment's, one after the other)."""
        order = self.store.order(order_id)
        folder = Path(order.files_dir)
        keys = [garment_key(order.reference, g.position, len(order.garments)) for g in order.garments]
        paths = ([folder / f"{order.reference}.{ending}"] if ending == "ticket.pdf"
                 else [folder / f"{key}.{ending}" for key in keys])
        missing = [p for p in paths if not p.is_file()]
        if missing:
            self._alert(self.tr("⚠ {file} is not in the order's folder: write the order's files "
                                "again, then print").format(file=missing[0].name))
            return 0
        pages = 0
        for path in paths:
            try:
                printed = print_with_dialog(path, self, preview)
            except MtmError as exc:
                self._alert(self.tr("⚠ not printed: {reason}").format(reason=exc))
                return pages
            if not printed:
                break  # the dialog was cancelled: not the next garment's either
            pages += printed
            self.statusBar().showMessage(self.tr("{file}: {pages} page(s) sent to the printer").format(
                file=path.name, pages=printed), 8000)
        return pages

    def lay_marker(self, references: list[str], spec: MarkerSpec | None = None,
                   material: str | None = None) -> list[Path]:
        """Lay these orders in one marker (asks for the fabric unless told); the solver runs in
        a thread while the window stays live."""
        if not references:
            self._alert(self.tr("⚠ select one or more orders for the marker"))
            return []
        orders = [self.store.order_by_reference(r) for r in references]
        if len({cloth_key(g) for o in orders for g in o.garments}) > 1:
            self._alert(self.tr("⚠ these orders are cut from different fabrics: lay them from the "
                                "Production page, which lays one marker per fabric"))
            return []
        if spec is None or material is None:
            first = orders[0].garments[0]  # the orders' own fabric: its catalogue card, or its words
            dialog = MarkerDialog(first.fabric, self, self._catalogue_fabric(first.fabric_code))
            if dialog.exec() != MarkerDialog.DialogCode.Accepted:
                return []
            spec, material = dialog.spec(), dialog.material.currentData()
        progress = QProgressDialog(self.tr("Laying the marker (up to {seconds} s)…").format(
            seconds=spec.seconds), self.tr("Cancel"), 0, 0, self)
        progress.setMinimumDuration(0)
        progress.show()  # at once: the solver takes seconds (a busy bar has no value to set)
        stop = threading.Event()
        outcome: list = []

        heard: list = []  # the solver's latest report (its thread writes, this one reads)

        def work() -> None:
            try:
                outcome.append(lay_orders(self.store, references, spec, material,
                                          cancelled=stop.is_set, progress=heard.append))
            except (MtmError, OSError) as exc:
                outcome.append(exc)

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        shown = None
        while worker.is_alive() and not progress.wasCanceled():
            if heard and heard[-1] is not shown:
                shown = heard[-1]
                progress.setLabelText(marker_progress_text(shown, spec.seconds))
            QApplication.processEvents()
            worker.join(0.02)
        progress.close()
        if not outcome:  # cancelled: the solver finishes on its own and writes nothing
            stop.set()
            self.statusBar().showMessage(self.tr("Marker cancelled: nothing was written"), 8000)
            return []
        if isinstance(outcome[0], Exception):
            self._alert(self.tr("⚠ no marker: {reason}").format(reason=outcome[0]))
            return []
        marker, written = outcome[0]
        self.statusBar().showMessage(self.tr(
            "Marker: {pieces} pieces, {length} cm of {width} cm {material}, utilisation {use}; "
            "files in {folder}").format(
            pieces=len(marker.pieces), length=decimal(f"{marker.length / 10:.1f}"),
            width=decimal(f"{spec.width / 10:g}"),
            material=material_text(material),
            use=decimal(f"{marker.utilisation:.1%}"), folder=written[0].parent), 15000)
        return written
