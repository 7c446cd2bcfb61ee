"""The Workbench page: a block's text on the left, its live draft on the right.

Every edit is parsed and drafted again a moment after the typing stops, for the body and
options chosen: the pieces (or, with the construction shown, the pieces where they were
drafted, over every named point and curve), the checks, and every value. A text that does not
load or draft keeps the last good draft on screen, greyed, with the error at its line as the
command line words it. The text is saved as typed (comments and order are the pattern
maker's); a shipped block is saved as the user's own. A change made to the file elsewhere is
read back in, or asked about when the editor has changes of its own.

Panels that work on the whole block (nest of sizes, population, versions) go in the tab row
under the preview beside Checks: `add_panel`.
"""

from __future__ import annotations

import time
from pathlib import Path

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mtm_app import unsaved_blocks
from mtm_app.block.document import read_block_text
from mtm_app.block.loader import parse_block
from mtm_app.block.model import Block
from mtm_app.block_versions import save_new_version, save_path, write_block
from mtm_app.drafting import Draft, draft
from mtm_app.drafting.construction import Construction, constraint_results, construction
from mtm_app.drafting.inputs import explicit_choices
from mtm_app.errors import MtmError
from mtm_app.library import get_block, misnamed
from mtm_app.store import Store
from mtm_app.store.blocks import release_block, sync_released
from mtm_app.ui import colours
from mtm_app.ui.checks import ChecksPanel
from mtm_app.ui.forms import OptionsForm
from mtm_app.ui.language import block_text
from mtm_app.ui.nest_view import NestView
from mtm_app.ui.population_panel import PopulationPanel
from mtm_app.ui.preview import PatternView
from mtm_app.ui.workbench.bodies import BodyChooser
from mtm_app.ui.workbench.editor import BlockEditor
from mtm_app.ui.workbench.inspector import ValueInspector
from mtm_app.ui.workbench.overlay import construction_bounds, draw_construction
from mtm_app.ui.workbench.sources import block_files, block_name, is_shipped, suggested_copy, user_blocks_dir
from mtm_app.ui.workbench.versions import VersionsPanel

REDRAFT_AFTER_MS = 300  # after the last keystroke


def _option_shape(block: Block) -> tuple:
    """What the options form is built from: a form is rebuilt only when this changes."""
    return tuple((s.name, s.type, s.label, s.group, s.default, s.min, s.max, s.choices)
                 for s in block.options.values())


class WorkbenchPage(QWidget):
    drafted = Signal()  # a new draft is on screen (tests and panels wait for it)
    saved = Signal()  # a block file was written: the garment chooser lists the library again

    def __init__(self, store: Store | None = None) -> None:
        super().__init__()
        self.path: Path | None = None
        self.block: Block | None = None  # the text's last good parse
        self.result: Draft | None = None  # the last good draft
        self.built: Construction | None = None
        self.problem = ""  # why the text as it is does not draft ('' when it does)
        self.inspector = ValueInspector()
        self.editor = BlockEditor(self.inspector.describe)
        self.editor.name_hovered.connect(self.inspector.show_name)
        self.chooser = QComboBox()
        self.chooser.setObjectName("workbench_block")
        self.chooser.setAccessibleName(self.tr("Block to edit"))
        self.chooser.activated.connect(lambda _i: self.open_block(Path(self.chooser.currentData())))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the text as typed (Ctrl+S); a shipped block is saved "
                                            "as your own, in {folder}").format(folder=user_blocks_dir()))
        self.save_button.clicked.connect(self.save)
        self.state = QLabel()
        self.state.setObjectName("workbench_state")
        self.message = QLabel()
        self.message.setObjectName("workbench_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bodies = BodyChooser(store)
        self.bodies.changed.connect(self.refresh)
        self.show_construction = QCheckBox(self.tr("Construction lines"))
        self.show_construction.setToolTip(self.tr("Show every named point and curve, the pieces where "
                                                  "the block drafts them; click a point for its value"))
        self.show_construction.toggled.connect(lambda _on: self._show_draft(fit=True))
        fit = QPushButton(self.tr("Fit to view"))
        fit.clicked.connect(lambda: self.preview.fit_all())
        self.preview = PatternView()
        self.preview.stale_note = self.tr("Out of date: the last good draft, not the text as it is now")
        self.checks = ChecksPanel()
        self.options_form: OptionsForm | None = None
        self._option_shape: tuple = ()
        self.options_scroll = QScrollArea()
        self.options_scroll.setObjectName("workbench_options")
        self.options_scroll.setWidgetResizable(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workbench_panels")
        self.add_panel(self.checks, self.tr("Checks"))
        self.add_panel(self.inspector, self.tr("Values"))
        self.add_panel(self.options_scroll, self.tr("Style options"))
        self.versions = VersionsPanel(self._subject)
        self.versions.save_requested.connect(self.save_new_version)
        self.versions.release_requested.connect(self.release)
        self.versions.release_button.setVisible(store is not None)
        self.store = store
        self.nest: NestView | None = None  # made with the first block that parses
        self.population: PopulationPanel | None = None
        self._overlay = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAFT_AFTER_MS)
        self._timer.timeout.connect(self.refresh)
        self.editor.textChanged.connect(self._timer.start)
        self.editor.modificationChanged.connect(self._show_state)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed_on_disk)
        self._layout(fit)
        self.list_blocks()

    def _layout(self, fit: QPushButton) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Block:")))
        top.addWidget(self.chooser, 1)
        top.addWidget(self.save_button)
        text = QWidget()
        column = QVBoxLayout(text)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.state)
        column.addWidget(self.editor, 1)
        column.addWidget(self.message)
        tools = QHBoxLayout()
        tools.addWidget(self.show_construction)
        tools.addStretch(1)
        tools.addWidget(fit)
        drawing = QWidget()
        view = QVBoxLayout(drawing)
        view.setContentsMargins(0, 0, 0, 0)
        view.addWidget(self.bodies)
        view.addLayout(tools)
        view.addWidget(self.preview, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(drawing)
        right.addWidget(self.tabs)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setSizes([600, 400])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("workbench_split")
        split.setChildrenCollapsible(False)
        split.addWidget(text)
        split.addWidget(right)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 5)
        split.setSizes([440, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

    def add_panel(self, widget: QWidget, title: str) -> None:
        """A tab under the preview (checks, values, options; nest, population, versions)."""
        widget.setAccessibleName(widget.accessibleName() or title)
        self.tabs.addTab(widget, title)

    # ------------------------------------------------------------------ files
    def list_blocks(self) -> None:
        """The blocks there are now, shipped and the user's, the one open chosen."""
        self.chooser.clear()
        for path in block_files():
            name = block_name(path)
            if is_shipped(path):
                title = self.tr("{garment} (shipped)").format(garment=block_text(name or path.stem))
            else:  # the user's own may share a garment's name: the file tells them apart
                title = self.tr("{garment} — {file} (yours)").format(
                    garment=block_text(name) if name else self.tr("does not load"), file=path.name)
            self.chooser.addItem(title, str(path))
        if self.path is not None:
            self.chooser.setCurrentIndex(self.chooser.findData(str(self.path)))

    def open_block(self, path: Path) -> bool:
        """Open a block file (after asking, when the text on screen has unsaved changes)."""
        path = path.resolve()
        if path == self.path:
            return True
        if self.editor.document().isModified():
            if not self.ask_discard():
                self.list_blocks()
                return False
            unsaved_blocks.discard(self.path)  # discarded: not brought back later either
        try:
            text = read_block_text(path)
        except (MtmError, OSError) as exc:
            self._say("error", f"✗ {exc}")
            return False
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self.watcher.addPath(str(path))
        self.path, self.block, self.result, self.built = path, None, None, None
        self.preview.show_pieces([])
        self.preview.auto_fit = True
        kept = unsaved_blocks.recover(path)  # typed here before a quit, a kill or a crash
        self._put_text(text)
        self.list_blocks()
        self._suit_body(text)
        if kept is not None and kept != text:
            self.editor.setPlainText(kept)
            self.editor.document().setModified(True)
            self.refresh()
            self._say("warning", self.tr("✎ Your changes to this block that were not saved are back: "
                                         "Save to keep them"))
        else:
            self.refresh()
        return True

    def keep_unsaved(self) -> None:
        """The text as typed reaches the disk (or what was kept goes, once it is saved or the
        file's own text is back): a quit, a kill or a crash never loses a pattern maker's work."""
        if self.path is None:
            return
        if self.editor.document().isModified():
            unsaved_blocks.keep(self.path, self.editor.toPlainText())
        else:
            unsaved_blocks.discard(self.path)

    def _suit_body(self, text: str) -> None:
        try:
            block = parse_block(text, str(self.path))
        except MtmError:
            return
        self.bodies.blockSignals(True)
        self.bodies.suit(block)
        self.bodies.blockSignals(False)

    def _put_text(self, text: str) -> None:
        """Replace the editor's text (a file read), the cursor kept on its line."""
        line = self.editor.textCursor().blockNumber() + 1
        self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self.editor.go_to_line(min(line, self.editor.blockCount()))
        self._timer.stop()

    def save(self) -> Path | None:
        """Write the text as typed; a shipped block (or a new text) goes where the pattern maker
        says, offered in their own block folder. Returns where it went (None: not saved)."""
        target = self.path
        if target is None or is_shipped(target):
            user_blocks_dir().mkdir(parents=True, exist_ok=True)
            target = self.ask_save_path(suggested_copy(target or Path("block.yaml")))
            if target is None:
                return None
        text = self.editor.toPlainText()
        try:
            write_block(target, text)
        except OSError as exc:
            self._say("error", self.tr("✗ not saved: {reason}").format(reason=exc.strerror or exc))
            return None
        self.editor.document().setModified(False)
        if self.path is not None:
            unsaved_blocks.discard(self.path)
        if target.resolve() != self.path:
            self.path = target.resolve()
            self.watcher.removePaths(self.watcher.files())
            self.list_blocks()
            self.refresh()  # its errors name the new file
        if str(self.path) not in self.watcher.files():
            self.watcher.addPath(str(self.path))  # a rename into place is a new file to watch
        self._show_state()
        self.versions.set_block(self.block.id if self.block else "")  # it may override another now
        self.saved.emit()
        return self.path

    def save_new_version(self) -> str | None:
        """Save the text with the next version number (the text it replaces is kept in the
        block's history; a shipped block's goes to the user's folder); returns the version."""
        if self.path is None:
            return None
        try:
            version = save_new_version(self.path, self.editor.toPlainText())
        except (MtmError, OSError) as exc:
            self._say("error", self.tr("✗ not saved as a new version: {reason}").format(reason=exc))
            return None
        unsaved_blocks.discard(self.path)
        target = save_path(self.path).resolve()
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self.path = target
        self._put_text(read_block_text(target))  # its version line is the new one
        self.watcher.addPath(str(target))
        self.list_blocks()
        self.refresh()
        self.versions.set_block(self.block.id if self.block else "")
        self._say("ok", self.tr("✓ saved as version {version}; the text before it is kept").format(
            version=version))
        self.saved.emit()
        return version

    def release(self) -> str | None:
        """Release the block as saved to every shop sharing the database (the pattern room's
        right); returns the version released."""
        if self.store is None or self.path is None:
            return None
        if self.editor.document().isModified():
            self._say("error", self.tr("✗ not released: save the text first, then release what is saved"))
            return None
        try:
            block = get_block(str(self.path))
            release_block(self.store, block)
            sync_released(self.store)
        except (MtmError, OSError) as exc:
            self._say("error", self.tr("✗ not released: {reason}").format(reason=exc))
            return None
        self.list_blocks()
        self._say("ok", self.tr("✓ {block} v{version} released: every shop drafts with it from its next "
                                "start").format(block=block.id, version=block.version))
        self.saved.emit()
        return block.version

    def _subject(self) -> tuple[dict, dict] | str:
        """The body the preview drafts and the options chosen: what versions are compared on."""
        body = self.bodies.body()
        if body is None or self.block is None or self.options_form is None:
            return self.tr("choose a body the block drafts for first")
        return body.values, explicit_choices(self.block, self.options_form.values())

    def ask_save_path(self, suggested: Path) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the block as your own"), str(suggested), self.tr("Blocks (*.yaml)"))
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(".yaml")

    def ask_discard(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("The block's text has changes that are not saved. Leave them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def ask_reload(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Changed on disk"),
            self.tr("{file} was changed by another program, and the text here has changes that are "
                    "not saved. Read the file again and lose them?").format(file=self.path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _changed_on_disk(self, changed: str) -> None:
        path = Path(changed)
        if self.path is None or path.resolve() != self.path:
            return
        if path.exists() and changed not in self.watcher.files():
            self.watcher.addPath(changed)  # replaced by a rename: watch the new file
        try:
            text = read_block_text(path)
        except (MtmError, OSError):
            return  # gone, or half-written: the next change says more
        if text == self.editor.toPlainText():
            return
        if self.editor.document().isModified() and not self.ask_reload():
            return
        self._put_text(text)
        self.refresh()
        self._say("ok", self.tr("Read again: the file was changed outside the workbench"))

    def _show_state(self, _modified: bool = False) -> None:
        if self.path is None:
            self.state.setText("")
            return
        saved = not self.editor.document().isModified()
        where = (self.tr("shipped, read-only: saving makes it yours") if is_shipped(self.path)
                 else str(self.path))
        self.state.setText(self.tr("{where} · {state}").format(
            where=where, state=self.tr("saved") if saved else self.tr("changed, not saved")))

    # ------------------------------------------------------------------ drafting
    def refresh(self) -> None:
        """Parse the text and draft it for the body and options chosen; show what it gives or
        why it does not, keeping the last good draft greyed."""
        self._timer.stop()
        self._show_state()
        self.keep_unsaved()
        start = time.perf_counter()
        file = str(self.path) if self.path else "<text>"
        body = self.bodies.body()
        try:
            block = parse_block(self.editor.toPlainText(), file)
        except MtmError as exc:
            return self._failed(exc, [])
        wrong_name = misnamed(block, self.path) if self.path else None
        if wrong_name is not None:  # the library (and so the tailor, and orders) would not find it
            return self._failed(wrong_name, [])
        self.block = block
        options = self._options_for(block)
        self._panels_follow(block, options)
        constraints = constraint_results(block, body.values) if body else []
        if body is None:
            return self._failed(MtmError(self.tr("this customer has no measurements: choose another "
                                                 "body to draft for")), constraints)
        try:
            result = draft(block, body.values, explicit_choices(block, options))
            built = construction(result)
        except MtmError as exc:
            return self._failed(exc, constraints)
        self.result, self.built, self.problem = result, built, ""
        self.editor.clear_error()
        self.preview.set_out_of_date(False)
        self._show_draft()
        self.checks.show_checks(result, [], "cm", constraint_results(block, result.measurements))
        self.inspector.show_construction(built)
        ms = (time.perf_counter() - start) * 1000
        if result.ok:
            self._say("ok", self.tr("✓ {pieces} pieces for {body}, every check passes · {ms} ms").format(
                pieces=len(result.pieces), body=body.label, ms=f"{ms:.0f}"))
        else:
            self._say("warning", self.tr("⚠ {pieces} pieces for {body}; checks fail: {checks}").format(
                pieces=len(result.pieces), body=body.label, checks="; ".join(result.failures()[:2])))
        self.drafted.emit()

    def _panels_follow(self, block: Block, options: dict) -> None:
        """The nest and the population check follow the text: the nest redrafts (when shown);
        the population check keeps its two option sets while the block's options stay the
        same, and a run under way finishes on the text it started with."""
        if self.nest is None or self.population is None:
            self.nest = NestView(block, options)
            self.population = PopulationPanel(block)
            self.population.options_chosen.connect(self._take_options)
            self.population.body_chosen.connect(self.bodies.show_found)
            self.add_panel(self.nest, self.tr("Nest of sizes"))
            self.add_panel(self.population, self.tr("Population check"))
            self.add_panel(self.versions, self.tr("Versions"))
            self.versions.set_block(block.id)
            return
        if block.id != self.versions.block_id:
            self.versions.set_block(block.id)
        self.nest.set_block(block, options)
        if self.population.running:
            return
        if (block.id, _option_shape(block)) == (self.population.block.id,
                                                _option_shape(self.population.block)):
            self.population.block = block
        else:
            self.population.set_block(block)

    def _take_options(self, options: dict) -> None:
        """A body picked from the population check is drafted with the options it failed with."""
        if self.options_form is not None:
            self.options_form.set_values(options)

    def _failed(self, exc: MtmError, constraints: list[tuple[str, bool]]) -> None:
        """The text (or this body) does not draft: the error at its line, the draft greyed."""
        self.problem = str(exc)
        line = exc.where.line if exc.where.file in (str(self.path), "<text>") else 0
        self.editor.show_error(line, self.problem)
        self.preview.set_out_of_date(self.result is not None)
        self.checks.show_checks(None, [], "cm", constraints)
        where = self.tr("line {line}: ").format(line=line) if line else ""
        self._say("error", f"✗ {where}{self.problem}")

    def _options_for(self, block: Block) -> dict:
        """The option values on the form, the form rebuilt when the block's options changed
        (the values chosen kept where the option still takes them)."""
        shape = _option_shape(block)
        if self.options_form is not None and shape == self._option_shape:
            self.options_form.block = block  # its `when` conditions may have changed
            return self.options_form.values()
        # what the pattern maker chose on the form is kept while the same block is edited; another
        # block, or a default changed in the text, starts from the block's own defaults
        old = self.options_form.block if self.options_form is not None else None
        before = {n: v for n, v in self.options_form.values().items()
                  if n in old.options and v != old.options[n].default} if old and old.id == block.id else {}
        form = OptionsForm(block)
        for name, value in before.items():
            spec = block.options.get(name)
            if spec is not None and (spec.type != "choice" or value in spec.choices):
                form.set_values({name: value})
        form.changed.connect(self.refresh)
        self.options_form, self._option_shape = form, shape
        self.options_scroll.setWidget(form)
        return form.values()

    def _show_draft(self, fit: bool = False) -> None:
        """The last good draft: side by side, or as drafted over its construction."""
        if self.result is None:
            return
        drafted = self.show_construction.isChecked()
        if fit:
            self.preview.auto_fit = True
        self.preview.show_pieces(self.result.pieces, as_drafted=drafted)
        if self._overlay is not None and shiboken6.isValid(self._overlay):
            shiboken6.delete(self._overlay)
        self._overlay = None
        if drafted and self.built is not None and self.preview.sheet is not None:
            self._overlay = draw_construction(self.built, self.preview.sheet, colours.is_dark(),
                                              self.font(), self.choose_point)
            scene = self.preview.scene()
            scene.setSceneRect(scene.sceneRect().united(construction_bounds(self.built)))
            if self.preview.auto_fit:
                self.preview.fit_all()

    def choose_point(self, name: str) -> None:
        """A point clicked in the construction: its coordinates, and the Values tab."""
        self.inspector.show_name(name)
        self.tabs.setCurrentWidget(self.inspector)

    def _say(self, role: str, text: str) -> None:
        self.message.setText(text)
        self.message.setToolTip(text)
        self.message.setStyleSheet(colours.text_style(role))
