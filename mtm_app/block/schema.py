"""The keys each element of a block takes: a key the engine would not read is an error.

A pattern maker's typo (`dyy:`, `nmae:`, `hme:`) or a point written two ways at once
(`{from: a, x: 100, y: 200}`) would otherwise be ignored, and the piece drafted as if the line
said something else. So every mapping is checked against the keys its kind takes before it is
compiled: an unknown key is named at its line with the nearest valid one, and keys of two
different forms of one element are named as what cannot go together.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mtm_app.block.document import line_of
from mtm_app.datafile import shown
from mtm_app.errors import BlockError, Location, did_you_mean
from mtm_app.i18n import _


@dataclass(frozen=True)
class Form:
    """One way of writing an element: its first key says which form it is, `a?` is optional,
    `a|b` means exactly one of them."""

    text: str

    @property
    def parts(self) -> list[str]:
        return self.text.split()

    @property
    def head(self) -> str:
        return self.parts[0]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(k for p in self.parts for k in p.rstrip("?").split("|"))

    def shown(self) -> str:
        return "{" + ", ".join(p.replace("|", " | ") for p in self.parts) + "}"


POINT_FORMS = tuple(map(Form, (
    "x y", "from dx? dy?", "from angle distance", "along distance|fraction from?",
    "on x|y", "intersect curve? pick|nearest?", "mirror across",
)))
CIRCLE_KEYS = ("circle", "radius")  # a shape met by `intersect`: the tape swung about a point
CURVE_FORMS = tuple(map(Form, (
    "bezier", "from to start_angle start_length end_angle end_length",
    "through start_angle? end_angle?", "offset distance side",
)))
COPY_FORMS = tuple(map(Form, ("rotate about angle suffix", "mirror across suffix")))
SOLVE_FORMS = (Form("between so_that"),)  # a value found by a bounded root search
EDGE_FORMS = tuple(map(Form, ("line", "curve from? to?", "curve reverse?")))
EDGE_KEYS = ("name", "sa", "hem", "fold", "takeup", "corner", "when")
NOTCH_FORMS = tuple(map(Form, ("at edge?", "edge distance? from?")))
NOTCH_KEYS = ("type", "count", "spacing", "when")
MARK_FORMS = {"drill": (Form("at"),), "internal": (Form("points"), Form("curve")),
              "grainline": (Form("points"),)}
MARK_KEYS = {"drill": ("label", "when", "repeat"), "internal": ("kind", "label", "when", "repeat"),
             "grainline": ("when",)}
# keys that each make another key meaningless on the same element
EXCLUSIVE = {"fold": ("sa", "hem")}

BLOCK_KEYS = ("id", "name", "garment", "version", "author", "description", "size_chart")
MEASUREMENT_KEYS = ("min", "max", "derive")
OPTION_KEYS = ("type", "label", "group", "default", "when", "help")
OPTION_TYPE_KEYS = {"choice": ("choices",), "boolean": ()}  # other types: min and max
PRESET_KEYS = ("option", "presets")
CONSTRAINT_KEYS = ("check", "field", "message")
PIECE_KEYS = ("name", "quantity", "mirror", "material", "flip", "side", "when", "sa", "notch_depth",
              "nest_at", "outline", "notches", "grainline", "internal", "drills", "label", "from_piece",
              "edges", "width", "line", "inner", "less")
# a piece cut from another's seam line
DERIVED_KEYS = ("from_piece", "edges", "width", "line", "inner", "less")
SEAM_PAIR_KEYS = ("name", "a", "b", "ease", "tolerance", "when", "notches", "reverse_b")
WALKED_NOTCH_KEYS = ("distance", "from", "type", "count", "spacing", "when")
FIT_CHECK_KEYS = ("name", "label", "measure", "target", "tolerance", "when", "tangent", "max_angle")
TANGENT_KEYS = ("a", "b", "across")  # curves meeting across a seam: a fit check's `tangent`
ALTERATION_KEYS = ("label", "option", "sign")
REPEAT_KEYS = ("count", "dx", "dy")


def at_key(spec: Any, key: Any, where: Location) -> Location:
    """Where `key` of `spec` is written: its own line (the element's when unknown)."""
    return Location(where.file, line_of(spec, key) or where.line, f"{where.element}.{key}")


def check_keys(spec: Mapping, allowed: Collection[str], what: str, where: Location) -> None:
    """Every key of `spec` is one a `what` takes; the first that is not is named at its line."""
    for key in spec:
        if key not in allowed:
            raise BlockError(_("{what} has no key {key}").format(
                                 what=what, key=shown(key)), at_key(spec, key, where),
                             did_you_mean(key, allowed, _("{what} takes: {allowed}").format(
                                 what=what, allowed=", ".join(allowed))))
    for key, others in EXCLUSIVE.items():
        clash = [k for k in others if k in spec] if spec.get(key) is True else []
        if clash:
            raise BlockError(_("'{key}: true' cannot go with {clash}").format(
                                 key=key, clash=_listed(clash)), at_key(spec, clash[0], where),
                             _("an edge cut on the fold has no allowance and no hem: remove {clash}").format(
                                 clash=_listed(clash)))


def check_form(spec: Mapping, forms: Sequence[Form], common: Collection[str], what: str,
               where: Location) -> Form:
    """The one form `spec` is written in, its keys checked: an unknown key, keys of two forms
    or both sides of an `a|b` are errors naming the keys that cannot go together."""
    everything = [*dict.fromkeys(k for f in forms for k in f.keys), *common]
    hint = one_of(forms)
    check_keys(spec, everything, what, where)
    written = [f for f in forms if f.head in spec]
    if not written:
        return forms[0]  # the compiler says what is missing
    best = min(written, key=lambda f: len(set(spec) - set(f.keys) - set(common)))
    extra = [k for k in spec if k not in best.keys and k not in common]
    if extra:
        theirs = {k for f in forms if extra[0] in f.keys for k in f.keys}
        clash = [k for k in spec if k in best.keys and k not in theirs] or [best.head]
        raise BlockError(_("{extra} cannot go with {clash} in {what}").format(
                             extra=_listed(extra), clash=_listed(clash), what=what),
                         at_key(spec, extra[0], where), hint)
    for part in best.parts:
        both = [k for k in part.rstrip("?").split("|") if k in spec]
        if len(both) > 1:
            raise BlockError(_("{both} cannot go together in {what}").format(both=_listed(both), what=what),
                             at_key(spec, both[1], where), hint)
    return best


def one_of(forms: Sequence[Form]) -> str:
    """The forms an element may take, as a hint."""
    return _("one of: {forms}").format(forms="; ".join(f.shown() for f in forms))


def _listed(keys: Sequence[str]) -> str:
    quoted = [f"'{k}'" for k in keys]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + _(" and ") + quoted[-1]
