"""Second floor baseline: the bare window plus the Qt modules mgdesk's later tabs use, each shown.

On top of bare_window.py (whose quit-after-paint probe it shares): QtCharts with one line chart
of 90 points on the second tab and QtPdf showing page one of a PDF (the file given with `--pdf`)
on the third, both built before the window is shown, as mgdesk's "every tab loaded" is. No
mgdesk code runs: it is what any window with a chart and a PDF preview pays.
"""

import sys

from bare_window import run
from PySide6.QtCharts import QChart, QChartView, QLineSeries
from PySide6.QtCore import QPointF
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget


def main() -> int:
    pdf_file = sys.argv[sys.argv.index("--pdf") + 1]
    app = QApplication(sys.argv[:1])
    tabs = QTabWidget()
    tabs.addTab(QLabel("Symptoms"), "Symptoms")
    series = QLineSeries()
    for day in range(90):
        series.append(QPointF(day, (day * 7) % 11))
    chart = QChart()
    chart.addSeries(series)
    chart.createDefaultAxes()
    tabs.addTab(QChartView(chart), "Journal")
    document = QPdfDocument(tabs)
    document.load(pdf_file)
    view = QPdfView()
    view.setDocument(document)
    tabs.addTab(view, "My visit")
    for name in ("Forms", "Dosage"):
        tabs.addTab(QLabel(name), name)
    return run(app, tabs)


if __name__ == "__main__":
    sys.exit(main())
