"""A lean DXF R12 ASCII writer for the few entities AAMA/ASTM cut files are made of.

ezdxf writes R12 well, but importing it costs ~0.3 s per process — most of what a whole AAMA
export may take (issue 4). An AAMA file needs only BLOCK/ENDBLK, INSERT, POLYLINE/VERTEX,
POINT, LINE and TEXT, each a handful of group codes, in a HEADER, BLOCKS and ENTITIES section
with no layout blocks (Gerber AccuMark reads every block as a piece). The tests read every file
back with ezdxf (audit clean), with our importer and with LibreCAD.
"""

from __future__ import annotations

from collections.abc import Iterable

Point = tuple[float, float]


def ascii_text(text: str) -> str:
    """7-bit text for a DXF value: AAMA readers choke on anything else, and on line breaks."""
    flat = text.replace("\r", " ").replace("\n", " ")
    return flat.encode("ascii", "replace").decode("ascii")


class Entities:
    """Entities in the order they are added, as DXF group-code lines."""

    def __init__(self, decimals: int = 4) -> None:
        self._lines: list[str] = []
        self._fmt = f"{{:.{decimals}f}}".format

    def _xy(self, x: float, y: float, z: float = 0.0) -> None:
        f = self._fmt
        self._lines += [" 10", f(x), " 20", f(y), " 30", f(z)]

    def polyline(self, layer: str, points: Iterable[Point], closed: bool = False) -> None:
        f = self._fmt
        out = self._lines
        out += ["  0", "POLYLINE", "  8", layer, " 66", "1"]
        self._xy(0.0, 0.0)
        out += [" 70", "1" if closed else "0"]
        for x, y in points:
            out += ["  0", "VERTEX", "  8", layer, " 10", f(x), " 20", f(y), " 30", f(0.0)]
        out += ["  0", "SEQEND", "  8", layer]

    def point(self, layer: str, x: float, y: float, z: float = 0.0, thickness: float = 0.0,
              angle: float | None = None) -> None:
        """A POINT; AAMA notches carry depth in z, width in thickness and the cut's angle."""
        self._lines += ["  0", "POINT", "  8", layer]
        self._xy(x, y, z)
        if thickness:
            self._lines += [" 39", self._fmt(thickness)]
        if angle is not None:
            self._lines += [" 50", self._fmt(angle)]

    def line(self, layer: str, a: Point, b: Point) -> None:
        f = self._fmt
        self._lines += ["  0", "LINE", "  8", layer, " 10", f(a[0]), " 20", f(a[1]), " 30", f(0.0),
                        " 11", f(b[0]), " 21", f(b[1]), " 31", f(0.0)]

    def text(self, layer: str, text: str, x: float, y: float, height: float) -> None:
        self._lines += ["  0", "TEXT", "  8", layer]
        self._xy(x, y)
        self._lines += [" 40", self._fmt(height), "  1", ascii_text(text)]

    def insert(self, layer: str, block: str) -> None:
        """The block placed at (0, 0), unscaled, as AAMA wants every piece."""
        self._lines += ["  0", "INSERT", "  8", layer, "  2", block]
        self._xy(0.0, 0.0)

    @property
    def lines(self) -> list[str]:
        return self._lines


def document(blocks: list[tuple[str, Entities]], entities: Entities) -> str:
    """The whole file: an R12 header, one BLOCK per (name, entities), then ENTITIES."""
    out = ["  0", "SECTION", "  2", "HEADER", "  9", "$ACADVER", "  1", "AC1009",
           "  0", "ENDSEC", "  0", "SECTION", "  2", "BLOCKS"]
    for name, body in blocks:
        out += ["  0", "BLOCK", "  8", "0", "  2", name, " 70", "0", " 10", "0.0", " 20", "0.0",
                " 30", "0.0", "  3", name, "  1", ""]
        out += body.lines
        out += ["  0", "ENDBLK", "  8", "0"]
    out += ["  0", "ENDSEC", "  0", "SECTION", "  2", "ENTITIES", *entities.lines,
            "  0", "ENDSEC", "  0", "EOF"]
    return "\n".join(out) + "\n"
