"""Canonical measurement names shared by blocks, files and the app.

Names stay stable once published: blocks, stored sessions and customer files refer to them.
"""

from __future__ import annotations

CANONICAL: tuple[str, ...] = (
    "height", "neck", "neck_base", "chest", "bust", "high_bust", "underbust", "waist", "seat",
    "nape_to_waist", "front_length", "shoulder_length", "across_back", "across_front",
    "sleeve_length", "bicep", "wrist", "body_rise", "inseam", "outseam", "thigh", "knee",
    "ankle", "bust_span", "hps_to_bust", "waist_to_hip",
)

LABELS: dict[str, str] = {
    "height": "Height",
    "neck": "Neck",
    "neck_base": "Neck base",
    "chest": "Chest",
    "bust": "Bust",
    "high_bust": "High bust",
    "underbust": "Underbust",
    "waist": "Waist",
    "seat": "Seat / hip",
    "nape_to_waist": "Nape to waist",
    "front_length": "Front length",
    "shoulder_length": "Shoulder length",
    "across_back": "Across back",
    "across_front": "Across front",
    "sleeve_length": "Sleeve length",
    "bicep": "Bicep",
    "wrist": "Wrist",
    "body_rise": "Body rise",
    "inseam": "Inseam",
    "outseam": "Outseam",
    "thigh": "Thigh",
    "knee": "Knee",
    "ankle": "Ankle",
    "bust_span": "Bust span",
    "hps_to_bust": "HPS to bust point",
    "waist_to_hip": "Waist to hip",
}


def label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())
