"""ANSUR II men: every body drafts a valid shirt or is refused with the measurement named."""

from __future__ import annotations

import pytest

from mtm_app.drafting.population import check_population


def test_a_sample_of_ansur_men_all_get_valid_shirts(shirt, ansur_men) -> None:
    sample = ansur_men[::10]
    report = check_population(shirt, sample)
    assert report.failed == 0, report.failures[:3]
    assert report.valid + report.refused == len(sample)
    assert report.valid >= 0.99 * len(sample)
    for refusal in report.refusals:
        assert refusal["field"] in shirt.measurements
        assert refusal["field"].replace("_", " ") in refusal["reason"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"fit": "slim", "back_style": "darts"},
        {"fit": "relaxed", "collar_style": "band", "short_sleeve": True},
    ],
)
def test_every_ansur_man_gets_a_valid_shirt_or_a_named_refusal(shirt, ansur_men, options) -> None:
    report = check_population(shirt, ansur_men, options)
    assert len(ansur_men) == 4082
    assert report.failed == 0, report.failures[:3]
    assert report.valid >= 4070
    assert set(report.refusal_counts()) <= set(shirt.measurements)


def _figured(bodies, figures):
    """Each body with one of `figures` in turn: every figure meets every kind of body."""
    return [
        (
            ident,
            {
                **values,
                **{k: (v(values) if callable(v) else v) for k, v in figures[i % len(figures)].items()},
            },
        )
        for i, (ident, values) in enumerate(bodies)
    ]


SHIRT_FIGURES = [
    {"posture": 20, "shoulder_slope_left": 15, "shoulder_slope_right": 0},
    {"posture": -20, "neck_posture": 15, "stomach": 30},
    {"shoulder_slope": -15, "sleeve_length_left": lambda v: v["sleeve_length"] + 25},
    {
        "neck_posture": -12,
        "shoulder_slope_right": 18,
        "sleeve_length_right": lambda v: v["sleeve_length"] - 20,
    },
]
TROUSER_FIGURES = [
    {"seat_shape": 20, "stomach": 30},
    {
        "seat_shape": -15,
        "inseam_left": lambda v: v["inseam"] + 20,
        "outseam_left": lambda v: v["outseam"] + 20,
    },
    {"stomach": 40, "inseam_right": lambda v: v["inseam"] - 30},
]


@pytest.mark.slow
def test_every_ansur_man_gets_a_figured_and_asymmetric_shirt(shirt, ansur_men) -> None:
    report = check_population(shirt, _figured(ansur_men, SHIRT_FIGURES), {"fit": "slim"})
    assert report.failed == 0, report.failures[:3]
    assert report.valid >= 4070, report.refusal_counts()


@pytest.mark.slow
def test_every_ansur_man_gets_figured_and_asymmetric_trousers(ansur_men) -> None:
    from mtm_app.library import get_block

    trousers = get_block("mens_trousers")
    report = check_population(trousers, _figured(ansur_men, TROUSER_FIGURES))
    assert report.failed == 0, report.failures[:3]
    assert report.refused <= 0.01 * len(ansur_men), report.refusal_counts()


BODICE_FIGURES = [
    {"posture": 20, "shoulder_slope_left": 15},
    {"posture": -20, "shoulder_slope": -15},
    {"shoulder_slope_right": 18},
]
SKIRT_FIGURES = [{"seat_shape": 25, "stomach": 40}, {"seat_shape": -20}, {"stomach": 30}]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("block_id", "figures"), [("womens_bodice", BODICE_FIGURES), ("skirt", SKIRT_FIGURES)]
)
def test_every_ansur_woman_gets_a_figured_bodice_and_skirt(ansur_women, block_id, figures) -> None:
    from mtm_app.library import get_block

    block = get_block(block_id)
    report = check_population(block, _figured(ansur_women, figures))
    assert report.failed == 0, report.failures[:3]
    assert report.refused <= 0.01 * len(ansur_women), report.refusal_counts()


def test_a_block_without_a_size_chart_is_for_the_sex_its_girths_say() -> None:
    """The workbench's first body and the population check's bodies follow the garment: a skirt
    block naming no chart (its waist and seat, no bust or chest) tells nothing; with a bust it
    is a woman's, with a chest a man's."""
    from mtm_app.block.loader import parse_block
    from mtm_app.drafting.population import population_sex
    from mtm_app.library import shipped_dir

    skirt = (shipped_dir() / "skirt.yaml").read_text("utf-8")
    bodice = (shipped_dir() / "womens_bodice.yaml").read_text("utf-8")
    shirt = (shipped_dir() / "mens_shirt.yaml").read_text("utf-8")
    unnamed = [parse_block("\n".join(line for line in text.splitlines() if "size_chart:" not in line))
               for text in (skirt, bodice, shirt)]
    assert [population_sex(b) for b in unnamed] == [None, "female", "male"]
