"""The pattern maker's workbench: a block's text beside its live draft, checks and construction."""

from mtm_app.ui.workbench.page import WorkbenchPage

__all__ = ["WorkbenchPage"]
