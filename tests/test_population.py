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
@pytest.mark.parametrize("options", [{}, {"fit": "slim", "back_style": "darts"},
                                     {"fit": "relaxed", "collar_style": "band",
                                      "short_sleeve": True}])
def test_every_ansur_man_gets_a_valid_shirt_or_a_named_refusal(shirt, ansur_men, options) -> None:
    report = check_population(shirt, ansur_men, options)
    assert len(ansur_men) == 4082
    assert report.failed == 0, report.failures[:3]
    assert report.valid >= 4070
    assert set(report.refusal_counts()) <= set(shirt.measurements)
