"""Turn what a user gave (measurements in mm, option values) into what a block drafts from.

Missing measurements are derived where the block says how; bodies outside the block's
declared range are refused with the measurement named, because drafting them would give a
pattern nobody checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from mtm_app.block.model import Block, OptionSpec
from mtm_app.drafting.alterations import AppliedAlteration, PersonalAlteration, apply_alterations
from mtm_app.errors import Location, MeasurementError, MtmError, OptionError, did_you_mean
from mtm_app.i18n import _, block_text
from mtm_app.i18n import number as shown
from mtm_app.measurements.catalogue import catalogue, figuration_text, label
from mtm_app.measurements.sleeves import SLEEVE, STANDS_IN_FOR, with_both_sleeves


class Refusal(MtmError):
    """The block does not serve this body; `field` names the measurement responsible."""

    def __init__(self, field: str, message: str, hint: str = "") -> None:
        self.field = field
        super().__init__(message, Location(element=f"measurements.{field}"), hint)


def _cm(mm: float) -> str:
    return f"{shown(mm / 10, 1)} cm"


def prepare_measurements(block: Block, given: Mapping[str, float]) -> tuple[dict[str, float], set[str]]:
    """Values in mm for every measurement the block declares, and the names that were derived
    (a sleeve given from the centre back is converted to the shoulder point's, and the one
    given is kept beside it, so the cut ticket and the trace show what was measured)."""
    given, converted = (with_both_sleeves(given) if SLEEVE in block.measurements
                        and SLEEVE not in given else (given, frozenset()))
    values = {name: float(given[name]) for name in block.measurements if name in given}
    derived: set[str] = set(converted) & values.keys()
    if derived:
        values[STANDS_IN_FOR[SLEEVE]] = float(given[STANDS_IN_FOR[SLEEVE]])
    pending = [s for s in block.measurements.values() if s.name not in values]
    while pending:
        progress = False
        for spec in list(pending):
            if spec.derive is None:
                raise MeasurementError(
                    _("measurement '{name}' is missing").format(name=spec.name),
                    Location(element=f"measurements.{spec.name}"),
                    _("the {block} block needs {measurement}: measure it and add it").format(
                        block=block_text(block.name), measurement=label(spec.name).lower()),
                )
            if spec.derive.refs <= values.keys():
                values[spec.name] = float(spec.derive(values))
                derived.add(spec.name)
                pending.remove(spec)
                progress = True
        if not progress:
            missing = sorted({r for s in pending for r in s.derive.refs} - values.keys())
            raise MeasurementError(
                _("cannot derive {names}: {missing} missing").format(
                    names=", ".join(s.name for s in pending), missing=", ".join(missing)),
                Location(element=f"measurements.{pending[0].name}"),
                _("add one of these measurements"),
            )
    for name, spec in block.measurements.items():
        v = values[name]
        if not spec.min <= v <= spec.max:
            said = (_("derived {name} {value} is outside the {low}–{high} this {block} block serves")
                    if name in derived else
                    _("{name} {value} is outside the {low}–{high} this {block} block serves"))
            raise Refusal(
                name,
                said.format(name=label(name).lower(), value=_cm(v), low=_cm(spec.min), high=_cm(spec.max),
                            block=block_text(block.name)),
                _("re-measure; if the value is right this body needs a special block"),
            )
    for rule in block.constraints:
        if not rule.check(values):
            raise Refusal(rule.field, block_text(rule.message),
                          _("re-measure; if right, this body needs a special block"))
    for name in block.figuration:
        values[name] = _figuration(block, name, given)
    return values, derived


def _figuration(block: Block, name: str, given: Mapping[str, float]) -> float:
    """A figure variation the block applies: 0 (normal) when not recorded; beyond the
    catalogue's limits no block drafts it."""
    amount = float(given.get(name, 0.0))
    entry = catalogue()[name]
    r = entry.range_for(None)
    if not r.hard_min <= amount <= r.hard_max:
        words = figuration_text(name, amount)
        raise Refusal(name, _("{name} {amount} mm ({words}) is beyond the {low} to {high} mm the {block} "
                              "block drafts").format(
                          name=entry.label.lower(), amount=shown(f"{amount:+g}"), words=words,
                          low=shown(f"{r.hard_min:+g}"), high=shown(f"{r.hard_max:+g}"),
                          block=block_text(block.name)),
                      _("check the amount and its sign; such a figure needs a special block"))
    return amount


_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def coerce_option(spec: OptionSpec, value: Any) -> Any:
    """Check one option value against its type and bounds; strings from the CLI are parsed."""
    where = Location(element=f"options.{spec.name}")
    if spec.type == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE | _FALSE:
            return text in _TRUE
        raise OptionError(_("{option} takes true or false, not {value!r}").format(
            option=spec.name, value=value), where)
    if spec.type == "choice":
        text = str(value).strip()
        if text not in spec.choices:
            raise OptionError(
                _("{option} = {value!r} is not one of {choices}").format(
                    option=spec.name, value=text, choices=", ".join(spec.choices)), where,
                did_you_mean(text, spec.choices),
            )
        return text
    try:
        number = float(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or number != number:
        raise OptionError(_("{option} takes a number, not {value!r}").format(option=spec.name, value=value),
                          where)
    if spec.type == "count" and not number.is_integer():
        raise OptionError(_("{option} takes a whole number, not {value!r}").format(
            option=spec.name, value=value), where)
    if not spec.min <= number <= spec.max:
        unit = {"length": " mm", "percent": " %", "angle": "°"}.get(spec.type, "")
        raise OptionError(
            _("{option} = {value}{unit} is outside {low}–{high}{unit}").format(
                option=spec.name, value=shown(number), unit=unit, low=shown(spec.min), high=shown(spec.max)),
            where,
            _("choose a value between {low} and {high}").format(low=shown(spec.min), high=shown(spec.max)),
        )
    return int(number) if spec.type == "count" else number


def resolve_options(block: Block, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then the chosen fit preset, then what the user set explicitly."""
    return resolve_personal(block, given)[0]


def resolve_personal(block: Block, given: Mapping[str, Any] | None = None,
                     personal: Iterable[PersonalAlteration] = (), side: str = ""
                     ) -> tuple[dict[str, Any], list[AppliedAlteration]]:
    """Defaults, then the fit preset, then the customer's personal alterations (those of
    `side` too, when drafting one side), then what the user set explicitly: (the option
    values, the alterations applied)."""
    given = dict(given or {})
    for name in given:
        if name not in block.options:
            raise OptionError(
                _("{block} has no option '{name}'").format(block=block_text(block.name), name=name),
                Location(element=f"options.{name}"),
                did_you_mean(name, block.options, _("see `mtm blocks` for the options")),
            )
    values = _preset_values(block, given)
    applied = apply_alterations(block, values, personal, side)
    altered = {a.option: values[a.option] for a in applied}
    for name, value in given.items():
        values[name] = coerce_option(block.options[name], value)
    return values, [replace(a, overridden=values[a.option] != altered[a.option]) for a in applied]


def _preset_values(block: Block, given: Mapping[str, Any]) -> dict[str, Any]:
    values = {n: o.default for n, o in block.options.items()}
    if block.preset_option:
        preset = given.get(block.preset_option, values[block.preset_option])
        preset = coerce_option(block.options[block.preset_option], preset)
        values.update(block.presets.get(preset, {}))
    return values


def explicit_choices(block: Block, values: Mapping[str, Any]) -> dict[str, Any]:
    """Of a form's option values, those the tailor changed from the defaults and fit preset:
    the form shows every option, and only a changed one should override an alteration. A value
    of another type than the block's (a count as 2, the default as 2.0) is kept, so the draft
    and its trace are exactly what they were when every value was passed."""
    base = _preset_values(block, values)
    return {n: v for n, v in values.items() if n == block.preset_option or n not in base
            or v != base[n] or type(v) is not type(base[n])}


def active_options(block: Block, values: Mapping[str, Any]) -> dict[str, bool]:
    """Which options apply given the others (their `when` condition holds)."""
    return {n: (o.when is None or bool(o.when(values))) for n, o in block.options.items()}
