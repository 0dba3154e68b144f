"""The handout's "Since my last visit" section: trends, doses, before/after, latest pain map.

Layout only: every number comes from a `JournalReport` (domain), every name from the content.
The handout is printed in black and white, so the chart tells its lines apart by dash pattern
and marker, with a legend, never by colour; the pain map is the window's figure
(`domain.body_figure`, the same coordinates) with the marked areas filled grey and ticked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Ellipse, Line, Polygon, PolyLine, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from mgdesk.domain import body_figure as fig
from mgdesk.domain.catalog import Catalog
from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import BEFORE_AFTER_HEADING, RATING_SCALE
from mgdesk.domain.journal_report import JournalReport
from mgdesk.domain.painmap import AREA_IDS, area_label
from mgdesk.report import styles as st
from mgdesk.report.flowables import Anchor, Para

TITLE = "Since my last visit"
CHART_HEIGHT = 150.0
PAIN_MAP_HEIGHT = 170.0
MAX_MARKERS = 40
# (dash pattern, marker): told apart in black and white; cycled past six symptoms.
_LINE_STYLES: tuple[tuple[list[float] | None, str], ...] = (
    (None, "FilledCircle"),
    ([4, 2], "Square"),
    ([1, 2], "FilledTriangle"),
    ([6, 2, 1, 2], "Diamond"),
    ([2, 1], "Circle"),
    ([8, 3], "FilledSquare"),
)
_GREYS = (colors.black, colors.Color(0.3, 0.3, 0.3), colors.Color(0.45, 0.45, 0.45))
_MARKED = colors.Color(0.62, 0.62, 0.62)


def _name(lookup: Callable[[str], Any], ident: str) -> str:
    try:
        return str(lookup(ident).name)
    except InputError:
        return ident


def journal_section(
    report: JournalReport, catalog: Catalog, width: float, pages: dict[str, int]
) -> list[Flowable]:
    """The whole section, kept on one page where it fits."""
    symptoms = {s: _name(catalog.symptom, s) for s in report.trends}
    forms = {d.form: _name(catalog.form, d.form) for d in report.doses}
    entries = f"{report.entry_count} journal entr{'y' if report.entry_count == 1 else 'ies'}"
    flow: list[Flowable] = [
        Anchor("journal", pages),
        Para(TITLE, st.H1),
        Para(
            st.text(
                f"From my journal, {report.start.isoformat()} to {report.end.isoformat()}: "
                f"{entries}. Ratings run from {RATING_SCALE}; all self-reported."
            ),
            st.NOTE,
        ),
    ]
    flow += _trends(report, symptoms, width)
    flow += _doses(report, forms, width)
    flow += _comparisons(report, symptoms, forms)
    flow += _pain_map(report, width)
    return [KeepTogether(flow)]


# ----- symptom trends


def _trends(report: JournalReport, names: dict[str, str], width: float) -> list[Flowable]:
    flow: list[Flowable] = [Para("How my symptoms went (daily average of my ratings)", st.H2)]
    if not report.trends:
        flow.append(Para(st.text("No symptom ratings in this period."), st.NOTE))
        return flow
    flow.append(trend_chart(report, names, width))
    return flow


def _day_label(start: dt.date) -> Callable[[float], str]:
    def label(value: float) -> str:
        day = start + dt.timedelta(days=round(value))
        return day.strftime("%d %b")

    return label


def trend_chart(report: JournalReport, names: dict[str, str], width: float) -> Drawing:
    """Each symptom's daily average over the range: dash pattern and marker per line, a legend."""
    symptoms = list(report.trends)
    legend_rows = (len(symptoms) + 2) // 3
    legend_height = legend_rows * 12.0 + 4
    drawing = Drawing(width, CHART_HEIGHT + legend_height)
    plot = LinePlot()
    plot.x, plot.y = 34, legend_height + 22
    plot.width, plot.height = width - 44, CHART_HEIGHT - 38
    plot.data = [
        [((day - report.start).days, mean) for day, mean in report.trends[s]] for s in symptoms
    ]
    span = max(report.days - 1, 1)
    x_axis, y_axis = plot.xValueAxis, plot.yValueAxis
    x_axis.valueMin, x_axis.valueMax = 0, span
    x_axis.valueStep = max(1, round(span / 7))
    x_axis.labelTextFormat = _day_label(report.start)
    y_axis.valueMin, y_axis.valueMax, y_axis.valueStep = 0, 10, 2
    y_axis.visibleGrid = True
    y_axis.gridStrokeColor = st.LIGHT_RULE
    y_axis.gridStrokeWidth = 0.3
    for axis in (x_axis, y_axis):
        axis.labels.fontName = st.FONT
        axis.labels.fontSize = 7
        axis.strokeWidth = 0.6
    for index in range(len(symptoms)):
        dash, marker = _LINE_STYLES[index % len(_LINE_STYLES)]
        line = plot.lines[index]
        line.strokeColor = _GREYS[index % len(_GREYS)]
        line.strokeWidth = 1.1
        line.strokeDashArray = dash
    drawing.add(plot)
    # Markers tell the lines apart in black and white; a marker on every day of a long range
    # costs a second of layout and says nothing more, so at most MAX_MARKERS per line.
    for index, points in enumerate(plot.data):
        step = max(1, -(-len(points) // MAX_MARKERS))
        marker = _LINE_STYLES[index % len(_LINE_STYLES)][1]
        for x, y in points[index % step :: step]:  # staggered, so markers do not hide others
            symbol = _marker(marker, _GREYS[index % len(_GREYS)])
            symbol.x = plot.x + x / span * plot.width
            symbol.y = plot.y + y / 10 * plot.height
            drawing.add(symbol)
    drawing.add(
        String(
            4,
            legend_height + CHART_HEIGHT - 8,
            "Rating (0-10)",
            fontName=st.FONT,
            fontSize=6.5,
            fillColor=st.GREY,
        )
    )
    column_width = (width - 10) / 3
    for index, symptom in enumerate(symptoms):
        dash, marker = _LINE_STYLES[index % len(_LINE_STYLES)]
        colour = _GREYS[index % len(_GREYS)]
        x = 6 + (index % 3) * column_width
        y = legend_height - 10 - (index // 3) * 12.0
        drawing.add(
            Line(x, y + 3, x + 26, y + 3, strokeColor=colour, strokeWidth=1.1, strokeDashArray=dash)
        )
        symbol = _marker(marker, colour)
        symbol.x, symbol.y = x + 13, y + 3
        drawing.add(symbol)
        drawing.add(String(x + 32, y, names.get(symptom, symptom), fontName=st.FONT, fontSize=7.5))
    return drawing


def _mg(value: float) -> str:
    return f"{value:,.0f}" if abs(value - round(value)) < 0.05 else f"{value:,.1f}"


def _marker(kind: str, colour: Any) -> Any:
    marker = makeMarker(kind)
    marker.size = 4.5
    marker.strokeColor = colour
    marker.fillColor = colour if kind.startswith("Filled") else colors.white
    marker.strokeWidth = 0.8
    return marker


# ----- doses


def _doses(report: JournalReport, forms: dict[str, str], width: float) -> list[Flowable]:
    flow: list[Flowable] = [Para("Magnesium I took", st.H2)]
    if not report.doses:
        flow.append(Para(st.text("No magnesium recorded in this period."), st.NOTE))
        return flow
    rows: list[list[Any]] = [
        [
            Para(st.text(h), st.CELL_HEAD)
            for h in ("Form", "Days taken", "Total", "On the days taken")
        ]
    ]
    for dose in report.doses:
        rows.append(
            [
                Para(st.text(forms.get(dose.form, dose.form)), st.CELL_BOLD),
                f"{dose.days} of {report.days} days",
                f"{_mg(dose.total_mg)} mg",
                f"{_mg(dose.mg_per_day_taken)} mg a day on average",
            ]
        )
    table = Table(rows, colWidths=[f * width for f in (0.34, 0.18, 0.16, 0.32)])
    table.setStyle(st.table_style())
    return [*flow, table]


# ----- before / after


def _comparisons(
    report: JournalReport, symptoms: dict[str, str], forms: dict[str, str]
) -> list[Flowable]:
    if not report.comparisons:
        return []
    flow: list[Flowable] = [Para(BEFORE_AFTER_HEADING, st.H2)]
    for comparison in report.comparisons:
        name = forms.get(comparison.form, comparison.form)
        for line in comparison.lines(symptoms, name):
            if line != comparison.caution:
                flow.append(Para(st.text(line), st.BODY_SMALL))
    flow.append(Para(f"<b>Caution:</b> {st.text(report.caution)}", st.BODY_SMALL))
    return flow


# ----- the latest pain map


def _pain_map(report: JournalReport, width: float) -> list[Flowable]:
    if report.pain_map is None or report.pain_score is None:
        return [
            Para("Pain map", st.H2),
            Para(st.text("No pain map was filled in during this period."), st.NOTE),
        ]
    pain_map, result = report.pain_map, report.pain_score
    marked = [area_label(a) for a in AREA_IDS if a in pain_map.areas]
    text: list[Flowable] = [
        Para(
            f"<b>WPI {result.wpi} of 19 · SSS {result.sss} of 12 · total {result.fs} of 31</b>",
            st.BODY,
        ),
    ]
    text += [Para(st.text(line), st.BODY_SMALL) for line in result.lines()[3:]]
    text.append(
        Para(
            "<b>Painful areas:</b> " + st.text("; ".join(marked) if marked else "none"),
            st.BODY_SMALL,
        )
    )
    if pain_map.note:
        text.append(Para(f"<b>Note:</b> {st.text(pain_map.note)}", st.BODY_SMALL))
    drawing = pain_map_drawing(pain_map.areas, PAIN_MAP_HEIGHT)
    table = Table([[drawing, text]], colWidths=[drawing.width + 8, width - drawing.width - 8])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        Para(st.text(f"My latest pain map ({pain_map.date.isoformat()})"), st.H2),
        table,
        Spacer(1, 4),
    ]


def pain_map_drawing(areas: Sequence[str] | frozenset[str], height: float) -> Drawing:
    """The front and back figure, the marked areas filled grey, outlined and ticked."""
    scale = height / fig.HEIGHT
    drawing = Drawing(fig.WIDTH * scale, height)

    def at(x: float, y: float) -> tuple[float, float]:
        return x * scale, (fig.HEIGHT - y) * scale

    def shape(item: fig.Shape, **style: Any) -> Any:
        if isinstance(item, fig.Ellipse):
            cx, cy = at(item.cx, item.cy)
            return Ellipse(cx, cy, item.rx * scale, item.ry * scale, **style)
        points = [v for x, y in item.points for v in at(x, y)]
        return Polygon(points, **style)

    for view in fig.VIEWS:
        for part in (view.outline, view.head):
            drawing.add(shape(part, fillColor=colors.white, strokeColor=st.INK, strokeWidth=0.7))
    chosen = set(areas)
    for area, shapes in fig.REGIONS.items():
        for item in shapes:
            if area in chosen:
                drawing.add(shape(item, fillColor=_MARKED, strokeColor=st.INK, strokeWidth=0.8))
            else:
                drawing.add(
                    shape(
                        item,
                        fillColor=None,
                        strokeColor=st.LIGHT_RULE,
                        strokeWidth=0.4,
                        strokeDashArray=[1, 1.5],
                    )
                )
    for item in fig.shapes_marked(chosen):
        x, y = at(*item.centre())
        size = 2.6
        drawing.add(
            PolyLine(
                [x - size, y, x - size / 3, y - size * 0.75, x + size, y + size],
                strokeColor=st.INK,
                strokeWidth=1.1,
            )
        )
    for label in fig.labels():
        x, y = at(label.x, label.y)
        drawing.add(
            String(
                x,
                y - 3,
                label.text,
                fontName=st.FONT_BOLD if label.bold else st.FONT,
                fontSize=7.5 if label.bold else 6.5,
                textAnchor="middle",
            )
        )
    return drawing
