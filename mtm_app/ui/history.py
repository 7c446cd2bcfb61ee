"""Undo and redo for the tailor's edits (measurements and style options) with QUndoStack.

Each change is recorded as the state before and after it; undoing puts the form back and
redrafts. Switching customer or garment starts a fresh history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

Snapshot = tuple[dict[str, float], dict[str, Any]]  # (measurements in mm, options)


class _Edit(QUndoCommand):
    def __init__(self, before: Snapshot, after: Snapshot, apply: Callable[[Snapshot], None],
                 text: str) -> None:
        super().__init__(text)
        self.before, self.after, self.apply = before, after, apply
        self._pushed = False

    def redo(self) -> None:
        if self._pushed:  # the first redo is the edit itself, already on screen
            self.apply(self.after)
        self._pushed = True

    def undo(self) -> None:
        self.apply(self.before)


class EditHistory:
    """Watches the forms through `snapshot()`; `apply(snapshot)` restores one."""

    def __init__(self, snapshot: Callable[[], Snapshot], apply: Callable[[Snapshot], None]) -> None:
        self.stack = QUndoStack()
        self._snapshot, self._apply = snapshot, apply
        self._current = snapshot()
        self._replaying = False

    def reset(self) -> None:
        self.stack.clear()
        self._current = self._snapshot()

    def record(self) -> None:
        """Call after every change the tailor makes."""
        if self._replaying:
            return
        after = self._snapshot()
        if after == self._current:
            return
        changed = [k for k in set(after[0]) | set(self._current[0])
                   if after[0].get(k) != self._current[0].get(k)]
        changed += [k for k in after[1] if after[1][k] != self._current[1].get(k)]
        text = QCoreApplication.translate("EditHistory", "change {names}").format(
            names=", ".join(sorted(changed)[:3]).replace("_", " "))
        self.stack.push(_Edit(self._current, after, self._replay, text))
        self._current = after

    def _replay(self, snap: Snapshot) -> None:
        self._replaying = True
        try:
            self._apply(snap)
            self._current = snap
        finally:
            self._replaying = False
