"""The window process's collector policy: paused during start-up, start-up's objects frozen."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from mgdesk.ui import collector


@pytest.fixture(autouse=True)
def _restore_collector() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_paused_until_the_first_paint_then_start_up_objects_are_frozen() -> None:
    collector.pause_for_start_up()
    assert not gc.isenabled()
    start_up = [[index] for index in range(1000)]
    collector.settle_after_first_paint()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(start_up)


def test_settling_twice_freezes_only_once() -> None:
    collector.pause_for_start_up()
    collector.settle_after_first_paint()
    frozen = gc.get_freeze_count()
    made_later = [[index] for index in range(1000)]
    collector.settle_after_first_paint()  # the timer after the paint, or the paint after it
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # what the session made stays collectable
    assert made_later


def test_the_final_collections_are_skipped() -> None:
    gc.unfreeze()
    collector.skip_final_collections()
    assert gc.get_freeze_count() > 0
