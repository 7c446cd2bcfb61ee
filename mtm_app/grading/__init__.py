"""Grading: a block drafted for every row of a size chart, the nest of sizes, grade rules."""

from mtm_app.grading.run import SizeDraft, SizeRun, chart_for, size_run

__all__ = ["SizeDraft", "SizeRun", "chart_for", "size_run"]
