"""Check a set of measurements the way a careful tailor would, and say what to do about it.

Each finding has a code, the field, a severity, a message and a suggestion:
- `out_of_range`: outside the hard limits (error) or outside the 1st–99th percentile (warning);
- `unit_mixup`: a value (or the whole set) that makes sense in another unit;
- `inconsistent`: a value far from what the other values predict — the likely typo;
- `unusual`: readings that are possible together but rare (a high bust over the bust, standing
  and seated rises far apart, a sleeve from the centre back far from the sleeve length): drafted,
  with a word to the tailor;
- `missing`: a measurement the chosen block needs and cannot derive.
Errors stop drafting; warnings do not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from mtm_app.i18n import N_, _
from mtm_app.measurements.catalogue import SIDES, catalogue, figuration_text, label, side_name
from mtm_app.measurements.estimate import likely_sex, models
from mtm_app.measurements.sleeves import (
    CB_SLEEVE,
    DISAGREEMENT_Z,
    MIN_BACK_SPAN,
    SLEEVE,
    given_instead,
    sleeve_from_centre_back,
)
from mtm_app.measurements.units import UNITS, show_length, show_number, unit_word

INCONSISTENT_Z = 4.0  # standard deviations from what the other values predict
# Body rise is taken seated, outseam and inseam standing: seated, the rise reads more than
# outseam − inseam by a median 10 mm (ANSUR II: 9 mm men, 11 mm women; sd 15–17 mm).
SEATED_RISE_GAIN = 10.0
RISE_DISAGREEMENT = 50.0  # mm beyond the usual gain: 1 body in 200 differs this much
SEX_WORDS = {"male": N_("men"), "female": N_("women"), None: N_("adults")}
# Left and right differing by more than this is rare enough to re-measure (mm): a sleeve or a
# leg 3 cm longer than the other, a shoulder 15 mm lower than the other
SIDE_DIFFERENCE = {"sleeve_length": 30.0, "inseam": 30.0, "outseam": 30.0, "shoulder_slope": 15.0}


@dataclass(frozen=True)
class Finding:
    code: str
    field: str
    severity: str  # error | warning
    message: str
    suggestion: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _show(mm: float, unit: str) -> str:
    return show_length(mm, unit)


def _other_unit(value: float, unit: str, name: str, sex: str | None) -> str | None:
    """Another unit in which the typed number is a plausible body measurement."""
    r = catalogue()[name].range_for(sex)
    for other in UNITS:
        if other != unit and 0.9 * r.p1 <= value * UNITS[other] <= 1.1 * r.p99:
            return other
    return None


def check_measurements(values: dict[str, float], unit: str = "cm", sex: str | None = None,
                       required: Iterable[str] = ()) -> list[Finding]:
    """Findings for measurements given in mm, as typed in `unit`."""
    findings = _figuration(values, unit)
    values = {n: v for n, v in values.items() if not catalogue()[n].is_figuration}
    typed = {n: v / UNITS[unit] for n, v in values.items()}
    mixups = _mixups(values, unit, sex)
    whole = _whole_set_mixup(values, unit, mixups)
    if whole is not None:
        return [*findings, whole, *_missing(values, required)]
    sane: dict[str, float] = {}
    for name, mm in values.items():
        entry = catalogue()[name]
        r = entry.range_for(sex)
        who = _(SEX_WORDS.get(sex, SEX_WORDS[None]))
        if name in mixups:
            other = mixups[name]
            fixed = typed[name] * UNITS[other]
            findings.append(Finding(
                "unit_mixup", name, "error",
                _("{name} {value} looks like {other}: {fixed}?").format(
                    name=entry.label.lower(), value=show_number(mm, unit), other=unit_word(other),
                    fixed=_show(fixed, unit)),
                _("re-enter it as {fixed} or switch this field to {other}").format(
                    fixed=_show(fixed, unit), other=unit_word(other)),
            ))
        elif not r.hard_min <= mm <= r.hard_max:
            findings.append(Finding(
                "out_of_range", name, "error",
                _("{name} {value} is outside what any adult measures ({low}–{high})").format(
                    name=entry.label.lower(), value=_show(mm, unit), low=_show(r.hard_min, unit),
                    high=_show(r.hard_max, unit)),
                _from_centre_back_hint(name, mm, sex)
                or _("re-measure; check the tape was read at the right end"),
            ))
        else:
            sane[name] = mm
            if not r.p1 <= mm <= r.p99:
                said = (_("{name} {value} is below 99 % of {who} ({source}: {low}–{high})") if mm < r.p1
                        else _("{name} {value} is above 99 % of {who} ({source}: {low}–{high})"))
                findings.append(Finding(
                    "out_of_range", name, "warning",
                    said.format(name=entry.label.lower(), value=_show(mm, unit), who=who,
                                source=_(r.source), low=_show(r.p1, unit), high=_show(r.p99, unit)),
                    _("re-measure to be sure; if it is right, carry on"),
                ))
    findings += (_inconsistent(sane, unit, sex) + _unusual(sane, unit) + _sides(sane, unit)
                 + _two_sleeves(sane, unit, sex))
    return findings + _missing(values, required)


def unit_mixup(values: dict[str, float], unit: str = "cm", sex: str | None = None) -> Finding | None:
    """The finding when the set as a whole was typed in another unit (half or more of its values
    make sense only there), without the rest of the checks: cheap enough for every row of a
    CSV of thousands of bodies."""
    body = {n: v for n, v in values.items() if not catalogue()[n].is_figuration}
    return _whole_set_mixup(body, unit, _mixups(body, unit, sex))


def _mixups(values: dict[str, float], unit: str, sex: str | None) -> dict[str, str]:
    """The measurements that are implausible as typed and plausible in another unit: that unit."""
    found = {n: _other_unit(v / UNITS[unit], unit, n, sex) for n, v in values.items()
             if not _plausible_hard(n, v, sex)}
    return {n: u for n, u in found.items() if u}


def _whole_set_mixup(values: dict[str, float], unit: str, mixups: dict[str, str]) -> Finding | None:
    if len(values) < 3 or len(mixups) < 0.5 * len(values):
        return None
    other = max(set(mixups.values()), key=list(mixups.values()).count)
    examples = ", ".join(f"{label(n).lower()} {show_number(round(values[n], 1), unit)} → "
                         f"{_show(values[n] / UNITS[unit] * UNITS[other], 'cm')}" for n in list(mixups)[:3])
    return Finding(
        "unit_mixup", "*", "error",
        _("these measurements look like they were typed in {other}, not {unit}: {examples}").format(
            other=unit_word(other), unit=unit_word(unit), examples=examples),
        _("switch the unit of this set to {other}").format(other=unit_word(other)),
    )


def _figuration(values: dict[str, float], unit: str) -> list[Finding]:
    """A figuration amount beyond any block's limits is an error; beyond the usual, a word."""
    out = []
    for name, mm in values.items():
        entry = catalogue()[name]
        if not entry.is_figuration:
            continue
        r = entry.range_for(None)
        said = f"{entry.label.lower()} {figuration_text(entry.base or name, mm)} ({_show(mm, unit)})"
        if not r.hard_min <= mm <= r.hard_max:
            out.append(Finding("out_of_range", name, "error",
                               _("{said} is beyond what the blocks draft ({low} to {high})").format(
                                   said=said, low=_show(r.hard_min, unit), high=_show(r.hard_max, unit)),
                               _("check the amount and its sign; a figure beyond it needs a special block")))
        elif not r.p1 <= mm <= r.p99:
            out.append(Finding("unusual", name, "warning",
                               _("{said} is more than tailors usually meet ({low} to {high})").format(
                                   said=said, low=_show(r.p1, unit), high=_show(r.p99, unit)),
                               _("check it at the fitting; the pattern drafts with it")))
    return out


def _sides(values: dict[str, float], unit: str) -> list[Finding]:
    """Left and right far apart: possible (that is why the customer came), worth a second look;
    and each side's legs read against the rise as the plain values are."""
    out = []
    for side in SIDES:
        legs = {n: values[side_name(n, side)] for n in ("inseam", "outseam") if side_name(n, side) in values}
        for f in _unusual({**values, **legs}, unit) if legs else ():
            if f.field == "body_rise":
                leg = _("left leg: {message}") if side == "left" else _("right leg: {message}")
                out.append(Finding(f.code, side_name(next(iter(legs)), side), f.severity,
                                   leg.format(message=f.message), f.suggestion))
    for base, limit in SIDE_DIFFERENCE.items():
        left, right = (values.get(side_name(base, side)) for side in SIDES)
        if left is not None and right is not None and abs(left - right) > limit:
            out.append(Finding(
                "unusual", side_name(base, "right"), "warning",
                _("{name} differs by {difference} between the left ({left}) and the right ({right})").format(
                    name=label(base).lower(), difference=_show(abs(left - right), unit),
                    left=_show(left, unit), right=_show(right, unit)),
                _("re-measure both sides; the garment is drafted per side with these values")))
    return out


def _from_centre_back_hint(name: str, mm: float, sex: str | None) -> str:
    """A sleeve too long for the shoulder point is most often the US sleeve, from the nape."""
    if name != SLEEVE or not _plausible_hard(CB_SLEEVE, mm, sex):
        return ""
    return _("if it was taken from the nape (the US shirt sleeve), enter it as {name} instead").format(
        name=label(CB_SLEEVE).lower())


def _plausible_hard(name: str, mm: float, sex: str | None) -> bool:
    r = catalogue()[name].range_for(sex)
    return r.hard_min <= mm <= r.hard_max


def _inconsistent(values: dict[str, float], unit: str, sex: str | None) -> list[Finding]:
    """The value furthest from what all the others predict, if it is far enough to be a typo."""
    model = models()[sex or likely_sex(values)]
    given = model.index(values)
    if len(given) < 3:
        return []
    worst = None
    for name, est in model.leave_one_out(given).items():
        if est.sd <= 0:
            continue
        z = (given[name] - est.value) / est.sd
        if worst is None or abs(z) > abs(worst[1]):
            worst = (name, z, est, sorted(n for n in given if n != name))
    if worst is None:
        return []
    name, z, est, others = worst
    if abs(z) < INCONSISTENT_Z:
        return []
    field = name if name in values else next(k for k in values if model.index({k: 0}) == {name: 0})
    shown = ", ".join(label(n).lower() for n in others[:4]) + (" …" if len(others) > 4 else "")
    name = label(field).lower()
    return [Finding(
        "inconsistent", field, "warning",
        _("{name} {value} is far from what {others} predict ({estimate}, 95 % {low}–{high}): "
          "likely a typo in {name}").format(
            name=name, value=_show(values[field], unit), others=shown, estimate=_show(est.value, unit),
            low=_show(est.low, unit), high=_show(est.high, unit)),
        _("re-measure {name}").format(name=name),
    )]


def _unusual(values: dict[str, float], unit: str) -> list[Finding]:
    """Readings a real body can give together, rare enough that the tailor should know."""
    out = []
    bust = values.get("bust", values.get("chest"))
    if bust is not None and values.get("high_bust", 0.0) > bust:
        out.append(Finding(
            "unusual", "high_bust", "warning",
            _("{high_bust} {value} is larger than the {bust} {bust_value}: a small cup").format(
                high_bust=label("high_bust").lower(), value=_show(values["high_bust"], unit),
                bust=label("bust").lower(), bust_value=_show(bust, unit)),
            _("check it was taken high under the arms; the bodice drafts on (its bust dart follows "
              "the front length over the bust): check the dart at the fitting"),
        ))
    if {"outseam", "inseam", "body_rise"} <= values.keys():
        gap = values["outseam"] - values["inseam"] - values["body_rise"] + SEATED_RISE_GAIN
        if abs(gap) > RISE_DISAGREEMENT:
            out.append(Finding(
                "unusual", "body_rise", "warning",
                _("the seated {rise} {value} and {outseam} − {inseam} {difference} differ by more "
                  "than usual").format(
                    rise=label("body_rise").lower(), value=_show(values["body_rise"], unit),
                    outseam=label("outseam").lower(), inseam=label("inseam").lower(),
                    difference=_show(values["outseam"] - values["inseam"], unit)),
                _("re-measure {rise} seated on a hard chair, {outseam} and {inseam} standing; "
                  "the trousers follow the {rise}").format(
                    rise=label("body_rise").lower(), outseam=label("outseam").lower(),
                    inseam=label("inseam").lower()),
            ))
    return out


def _two_sleeves(values: dict[str, float], unit: str, sex: str | None) -> list[Finding]:
    """Both sleeves given: the centre-back one spans the back and shoulder more, by as much
    as the population model expects from the others."""
    if not {SLEEVE, CB_SLEEVE} <= values.keys():
        return []
    sleeve, cb = values[SLEEVE], values[CB_SLEEVE]
    if cb - sleeve < MIN_BACK_SPAN:
        return [Finding(
            "out_of_range", CB_SLEEVE, "error",
            _("{name} {value} is less than the {sleeve} {sleeve_value} plus the back and shoulder "
              "(at least {span})").format(
                name=label(CB_SLEEVE).lower(), value=_show(cb, unit), sleeve=label(SLEEVE).lower(),
                sleeve_value=_show(sleeve, unit), span=_show(MIN_BACK_SPAN, unit)),
            _("re-measure both: from the centre back the tape runs from the nape over the shoulder; "
              "the sleeve length starts at the tip of the shoulder"),
        )]
    expected = sleeve_from_centre_back(values, sex)
    if abs(sleeve - expected.value) <= DISAGREEMENT_Z * expected.sd:
        return []
    return [Finding(
        "unusual", CB_SLEEVE, "warning",
        _("the {sleeve} {sleeve_value} and the {name} {value} disagree: from the centre back the "
          "{sleeve} would be {estimate} (95 % {low}–{high})").format(
            sleeve=label(SLEEVE).lower(), sleeve_value=_show(sleeve, unit), name=label(CB_SLEEVE).lower(),
            value=_show(cb, unit), estimate=_show(expected.value, unit), low=_show(expected.low, unit),
            high=_show(expected.high, unit)),
        _("re-measure both; the pattern follows the sleeve length"),
    )]


def _missing(values: dict[str, float], required: Iterable[str]) -> list[Finding]:
    return [Finding("missing", n, "error", _("{name} is missing").format(name=label(n).lower()),
                    _("measure {name}: {how_to}").format(name=label(n).lower(), how_to=catalogue()[n].how_to))
            for n in required if n not in values and not given_instead(n, values)]


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


__all__ = ["Finding", "check_measurements", "has_errors"]
