"""The body figure's geometry: one shape set for the window and the handout, 19 regions."""

from __future__ import annotations

import pytest

from mgdesk.domain import body_figure as fig
from mgdesk.domain.painmap import AREA_IDS, areas_in


def test_the_regions_are_the_19_wpi_areas_in_order() -> None:
    assert tuple(fig.REGIONS) == AREA_IDS
    assert len(fig.REGIONS) == 19
    assert all(fig.REGIONS[a] for a in AREA_IDS)


@pytest.mark.parametrize("area", AREA_IDS)
def test_each_region_is_hit_at_its_centre_and_lies_inside_the_body(area: str) -> None:
    x, y = fig.region_centre(area)
    assert fig.region_at(x, y) == area
    for shape in fig.REGIONS[area]:
        cx, cy = shape.centre()
        assert any(v.outline.contains(cx, cy) or v.head.contains(cx, cy) for v in fig.VIEWS)
        assert 0 < cx < fig.WIDTH and fig.TOP < cy < fig.HEIGHT


def test_left_and_right_are_mirror_images_on_each_view() -> None:
    for stem in ("shoulder", "upper-arm", "lower-arm", "hip", "upper-leg", "lower-leg"):
        left, right = fig.REGIONS[f"{stem}-left"], fig.REGIONS[f"{stem}-right"]
        assert len(left) == len(right) == 2  # on the front and on the back
        for a, b in zip(left, right, strict=True):
            (ax, ay), (bx, by) = a.centre(), b.centre()
            midline = 50.0 if ax < 100 else 150.0
            assert ay == pytest.approx(by)
            assert ax - midline == pytest.approx(midline - bx)


def test_the_persons_left_is_on_the_viewers_right_from_the_front() -> None:
    front_left = fig.REGIONS["upper-arm-left"][0].centre()[0]
    back_left = fig.REGIONS["upper-arm-left"][1].centre()[0]
    assert front_left > 50 and back_left < 150
    words = {(round(label.x), label.text) for label in fig.labels()}
    assert {(88, "Left"), (12, "Right"), (112, "Left"), (188, "Right")} <= words
    assert {label.text for label in fig.labels() if label.bold} == {"Front", "Back"}


def test_a_point_outside_every_region_is_none() -> None:
    assert fig.region_at(1, 1) is None
    assert fig.region_at(100, 120) is None  # between the two bodies


def test_shapes_marked_follow_the_areas() -> None:
    assert fig.shapes_marked([]) == []
    back = [a.id for a in areas_in("axial")]
    assert len(fig.shapes_marked(back)) == sum(len(fig.REGIONS[a]) for a in back)
