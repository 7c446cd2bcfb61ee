"""The block formula language: parsed with `ast`, compiled to closures, never eval'd."""

from mtm_app.formula.compiler import CONSTANTS, Formula, FormulaContext, compile_condition, compile_formula

__all__ = ["CONSTANTS", "Formula", "FormulaContext", "compile_condition", "compile_formula"]
