"""The cyclic collector is held off during a draft and is as it was after it, however the
draft ends (a refusal is an exception): a collector left off would let the window's memory
grow for the rest of the session."""

from __future__ import annotations

import gc
import threading

import pytest

from mtm_app.drafting import draft
from mtm_app.drafting.collector import collector_paused
from mtm_app.drafting.inputs import Refusal
from tests.conftest import MEDIAN_MAN


def test_a_draft_runs_without_the_collector_and_gives_it_back(shirt) -> None:
    seen = []
    gc.callbacks.append(lambda phase, info: seen.append(info["generation"]))
    try:
        assert gc.isenabled()
        result = draft(shirt, MEDIAN_MAN)
        assert gc.isenabled() and result.ok
        with pytest.raises(Refusal):
            draft(shirt, {**MEDIAN_MAN, "chest": 9000.0})
        assert gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
            seen.clear()
            junk = [[i] for i in range(50_000)]  # far past the young generation's threshold
            assert not seen and len(junk) == 50_000
    finally:
        gc.callbacks.pop()


def test_a_collector_switched_off_elsewhere_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_two_threads_drafting_at_once_leave_the_collector_on(shirt) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                draft(shirt, MEDIAN_MAN)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and gc.isenabled()
