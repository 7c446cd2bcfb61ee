"""Length units a tailor types in; everything inside the app is mm."""

from __future__ import annotations

UNITS: dict[str, float] = {"mm": 1.0, "cm": 10.0, "in": 25.4}


def to_mm(value: float, unit: str) -> float:
    return value * UNITS[unit]


def from_mm(value: float, unit: str) -> float:
    return value / UNITS[unit]
