"""A small diagram per measurement: a body outline with the tape drawn where it goes.

Drawn as SVG from a fixed figure (front view, 100 × 240 units, y down) and a tape shape per
measurement: a girth is a level ellipse around the body, a length a line along it.
"""

from __future__ import annotations

from html import escape

from mtm_app.measurements.catalogue import catalogue

FIGURE = (
    "M50,8 a10,11 0 1,1 -0.1,0 Z "  # head
    "M45,29 L45,35 L30,39 Q24,41 23,50 L19,88 L16,118 L21,120 L25,92 L29,62 L31,84 "
    "Q28,100 29,118 L34,230 L45,230 L48,132 L52,132 L55,230 L66,230 L71,118 Q72,100 69,84 "
    "L71,62 L75,92 L79,120 L84,118 L81,88 L77,50 Q76,41 70,39 L55,35 L55,29 Z"
)

# girth: ("ring", cx, cy, rx); length: ("line", [(x, y), …]); a length taken at the back is dashed
TAPES: dict[str, tuple] = {
    "height": ("line", [(92, 6), (92, 230)]),
    "neck": ("ring", 50, 31, 6),
    "neck_base": ("ring", 50, 35, 8),
    "chest": ("ring", 50, 57, 21),
    "bust": ("ring", 50, 57, 21),
    "high_bust": ("ring", 50, 50, 20),
    "underbust": ("ring", 50, 66, 19),
    "waist": ("ring", 50, 82, 17),
    "seat": ("ring", 50, 108, 21),
    "nape_to_waist": ("back", [(50, 35), (50, 82)]),
    "front_length": ("line", [(44, 37), (41, 57), (44, 82)]),
    "shoulder_length": ("line", [(45, 36), (30, 40)]),
    "across_back": ("back", [(32, 53), (68, 53)]),
    "across_front": ("line", [(33, 50), (67, 50)]),
    "sleeve_length": ("line", [(29, 41), (23, 80), (18, 118)]),
    "cb_sleeve_length": ("back", [(50, 35), (29, 41), (23, 80), (18, 118)]),
    "bicep": ("ring", 25, 62, 5),
    "wrist": ("ring", 18, 117, 3.5),
    "body_rise": ("line", [(74, 82), (74, 124)]),
    "inseam": ("line", [(47, 134), (42, 229)]),
    "outseam": ("line", [(72, 82), (70, 118), (66, 229)]),
    "thigh": ("ring", 40, 136, 8),
    "knee": ("ring", 39, 178, 6),
    "ankle": ("ring", 39, 222, 4.5),
    "bust_span": ("line", [(40, 58), (60, 58)]),
    "hps_to_bust": ("line", [(44, 36), (40, 58)]),
    "waist_to_hip": ("line", [(73, 82), (73, 108)]),
    "crotch_length": ("line", [(50, 82), (50, 122), (54, 126)]),
}


def _tape(shape: tuple) -> str:
    style = 'fill="none" stroke="#d0342c" stroke-width="2.2" stroke-linecap="round"'
    if shape[0] == "ring":
        _, cx, cy, rx = shape
        return f'<ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{max(1.5, rx / 6):.1f}" {style}/>'
    points = " ".join(f"{x},{y}" for x, y in shape[1])
    dash = ' stroke-dasharray="4 3"' if shape[0] == "back" else ""
    ends = "".join(f'<circle cx="{x}" cy="{y}" r="2" fill="#d0342c"/>'
                   for x, y in (shape[1][0], shape[1][-1]))
    return f'<polyline points="{points}" {style}{dash}/>{ends}'


def diagram_svg(name: str) -> str:
    """The diagram for one canonical measurement, as a standalone SVG document."""
    entry = catalogue()[name]
    tape = TAPES[entry.base or name]  # one side's value is taken as the measurement is
    note = "taken at the back" if tape[0] == "back" else ""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 252" width="100" height="252">'
        f"<title>{escape(entry.label)}</title>"
        f'<path d="{FIGURE}" fill="#efe7da" stroke="#555" stroke-width="1"/>'
        f"{_tape(tape)}"
        f'<text x="50" y="241" font-size="9" text-anchor="middle" font-family="sans-serif">'
        f"{escape(entry.label)}</text>"
        f'<text x="50" y="250" font-size="7" text-anchor="middle" font-family="sans-serif" '
        f'fill="#555">{escape(note)}</text></svg>'
    )
