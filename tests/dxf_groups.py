"""A reader of AAMA/ASTM DXF independent of ezdxf and of our importer: group codes straight from
the text, so the tests check layers and points as a CAD's own parser would see them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Entity:
    kind: str
    layer: str
    points: list[tuple[float, float]] = field(default_factory=list)  # vertices, ends, location
    text: str = ""
    closed: bool = False


@dataclass
class Block:
    name: str
    entities: list[Entity] = field(default_factory=list)

    def on(self, layer: str, kind: str | None = None) -> list[Entity]:
        return [e for e in self.entities if e.layer == layer and (kind is None or e.kind == kind)]

    def texts(self) -> dict[str, str]:
        """`Key: value` texts on layer 1."""
        return dict(e.text.split(": ", 1) for e in self.on("1", "TEXT") if ": " in e.text)


def _pairs(text: str) -> list[tuple[int, str]]:
    lines = text.splitlines()
    return [(int(lines[k]), lines[k + 1].strip()) for k in range(0, len(lines) - 1, 2)]


def read_groups(text: str) -> tuple[list[Block], list[Entity]]:
    """(blocks, entities of the ENTITIES section) of an R12 DXF."""
    blocks: list[Block] = []
    top: list[Entity] = []
    section, target, current = "", top, None
    x = y = None
    in_vertex = False
    for code, value in _pairs(text):
        if code == 0:
            if current is not None and x is not None and current.kind in ("POINT", "TEXT", "INSERT"):
                current.points.append((x, y))
            x = y = None
            in_vertex = value == "VERTEX"
            if value == "SECTION":
                current = None
            elif value == "BLOCK":
                blocks.append(Block(""))
                target, current = blocks[-1].entities, None
            elif value == "ENDBLK":
                target, current = top, None
            elif value == "VERTEX":
                pass  # its point goes to the polyline
            elif value in ("SEQEND", "ENDSEC", "EOF"):
                current = None
            else:
                current = Entity(value, "")
                target.append(current)
            continue
        if code == 2 and current is None and blocks and not blocks[-1].name and section == "BLOCKS":
            blocks[-1].name = value
        if code == 2 and value in ("HEADER", "BLOCKS", "ENTITIES"):
            section = value
        if current is None:
            continue
        if code == 8 and not current.layer:
            current.layer = value
        elif code == 70 and current.kind == "POLYLINE":
            current.closed = bool(int(value) & 1)
        elif code == 1:
            current.text = value
        elif code == 10:
            x = float(value)
        elif code == 20:
            y = float(value)
            # a polyline's points are its vertices' (not its own (0, 0)); a line's are its ends
            if (current.kind == "POLYLINE" and in_vertex) or current.kind == "LINE":
                current.points.append((x, y))
        elif code == 11:
            x = float(value)
        elif code == 21 and current.kind == "LINE":
            current.points.append((x, float(value)))
    return blocks, top
