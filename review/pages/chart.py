"""The unit page's chart, drawn on the server as SVG: the year's cumulative actual month
by month against the amended budget (its pro-rata share, a straight line from 0 to the
full year's budget) and the full-year forecast.

No script and no inline style (the content-security policy allows neither): the lines
are told apart by class (styled in static/pages/site.css), by dash pattern and by marker
shape, never by colour alone, and a legend names them. The SVG carries a <title> and a
<desc> that says the figures in words; the page prints the same figures as a table.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reports.finnish import euros

WIDTH, HEIGHT = 720, 350
LEFT, RIGHT, TOP, BOTTOM = 92, 24, 20, 76  # margins: axis labels left, month axis and legend below
MONTHS = 12


@dataclass(frozen=True)
class ChartRow:
    """One month end of the table alternative (euros)."""

    month: int
    actual: Decimal | None
    budget_share: Decimal | None
    forecast: Decimal | None  # the full-year forecast, on the year's last row only


@dataclass(frozen=True)
class Chart:
    svg: SafeString
    rows: list[ChartRow]
    title: str
    description: str


def cumulative_chart(months: list[dict], line_name: str, year: int, chart_id: str) -> Chart | None:
    """The chart of `months` (review.income_statement rows of one unit and line: month
    ends of the year up to the page's date, each with reporting_date, actual_ytd,
    budget_amended, forecast); None when there is nothing to draw."""
    actual = {
        row["reporting_date"].month: Decimal(row["actual_ytd"])
        for row in months
        if row.get("actual_ytd") is not None and isinstance(row["reporting_date"], dt.date)
    }
    if not actual:
        return None
    last = months[-1]
    budget = Decimal(last["budget_amended"]) if last.get("budget_amended") is not None else None
    forecast = Decimal(last["forecast"]) if last.get("forecast") is not None else None
    rows = [
        ChartRow(
            month,
            actual.get(month),
            (budget * month / MONTHS).quantize(Decimal("1")) if budget is not None else None,
            forecast if month == MONTHS else None,
        )
        for month in range(1, MONTHS + 1)
    ]
    title = _("%(line)s %(year)s: kertymä kuukausittain") % {"line": line_name, "year": year}
    description = _describe(actual, budget, forecast, year)
    svg = _svg(actual, budget, forecast, title, description, chart_id)
    return Chart(svg, rows, title, description)


def _describe(actual: dict[int, Decimal], budget, forecast, year: int) -> str:
    month = max(actual)
    parts = [
        _("Toteuma %(month)s/%(year)s mennessä %(amount)s.")
        % {"month": month, "year": year, "amount": euros(actual[month])}
    ]
    if budget is not None:
        share = budget * month / MONTHS
        parts.append(
            _(
                "Muutettu talousarvio koko vuodelle %(budget)s, josta %(months)s kuukauden osuus"
                " %(share)s."
            )  # fmt: skip
            % {"budget": euros(budget), "months": month, "share": euros(share.quantize(1))}
        )
    if forecast is not None:
        parts.append(_("Ennuste koko vuodelle %(forecast)s.") % {"forecast": euros(forecast)})
    return " ".join(parts)


def _svg(actual, budget, forecast, title: str, description: str, chart_id: str) -> SafeString:
    values = [Decimal(0), *actual.values()]
    values += [v for v in (budget, forecast) if v is not None]
    low, high = _nice_range(min(values), max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(month: float) -> float:
        return round(LEFT + plot_w * month / MONTHS, 1)

    def y(value: Decimal) -> float:
        return round(TOP + plot_h * float((high - value) / (high - low)), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for tick in _ticks(low, high):
        parts.append(
            f'<line class="grid{" zero" if tick == 0 else ""}" x1="{LEFT}" x2="{LEFT + plot_w}"'
            f' y1="{y(tick)}" y2="{y(tick)}"/>'
            f'<text class="axis" x="{LEFT - 6}" y="{y(tick) + 4}" text-anchor="end">'
            f"{escape(_short(tick))}</text>"
        )
    for month in range(1, MONTHS + 1):
        parts.append(
            f'<text class="axis" x="{x(month)}" y="{TOP + plot_h + 18}" text-anchor="middle">'
            f"{month}</text>"
        )
    month_word = _("kuukausi")
    parts.append(
        f'<text class="axis" x="{LEFT + plot_w / 2}" y="{TOP + plot_h + 36}"'
        f' text-anchor="middle">{escape(month_word)}</text>'
    )
    if budget is not None:
        parts.append(
            f'<line class="series budget" x1="{x(0)}" y1="{y(Decimal(0))}" x2="{x(MONTHS)}"'
            f' y2="{y(budget)}"/>'
        )
    points = [(x(0), y(Decimal(0)))] + [(x(m), y(v)) for m, v in sorted(actual.items())]
    path = " ".join(f"{px},{py}" for px, py in points)
    parts.append(f'<polyline class="series actual" points="{path}"/>')
    parts += [f'<circle class="marker actual" cx="{a}" cy="{b}" r="3.5"/>' for a, b in points[1:]]
    if forecast is not None:
        last = max(actual)
        parts.append(
            f'<line class="series forecast" x1="{x(last)}" y1="{y(actual[last])}"'
            f' x2="{x(MONTHS)}" y2="{y(forecast)}"/>'
        )
        fx, fy = x(MONTHS), y(forecast)
        parts.append(
            f'<polygon class="marker forecast" points="{fx},{fy - 6} {fx + 6},{fy} {fx},{fy + 6}'
            f' {fx - 6},{fy}"/>'
        )
    parts += _legend(budget is not None, forecast is not None, HEIGHT - 14)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _legend(with_budget: bool, with_forecast: bool, top: float) -> list[str]:
    """One row under the plot: a sample of each line (its dash and colour) and its name."""
    entries = [("actual", _("toteuma, kertymä"))]
    if with_budget:
        entries.append(("budget", _("muutettu TA, kuukausien osuus")))
    if with_forecast:
        entries.append(("forecast", _("ennuste, koko vuosi")))
    parts = []
    left = LEFT
    for kind, label in entries:
        parts.append(
            f'<line class="series {kind}" x1="{left}" x2="{left + 28}" y1="{top - 4}"'
            f' y2="{top - 4}"/><text class="legend" x="{left + 34}" y="{top}">'
            f"{escape(label)}</text>"
        )
        left += 34 + 7 * len(label) + 28  # ~7 px a character at the legend's 12 px
    return parts


def _nice_range(low: Decimal, high: Decimal) -> tuple[Decimal, Decimal]:
    if low == high:
        high = low + 1
    step = _step(low, high)
    return Decimal(math.floor(low / step)) * step, Decimal(math.ceil(high / step)) * step


def _step(low: Decimal, high: Decimal) -> Decimal:
    span = float(high - low) / 5
    magnitude = Decimal(10) ** len(str(int(span))) / 10 if span >= 1 else Decimal(1)
    for factor in (1, 2, 5, 10):
        if magnitude * factor >= Decimal(str(span)):
            return magnitude * factor
    return magnitude * 10


def _ticks(low: Decimal, high: Decimal) -> list[Decimal]:
    step = _step(low, high)
    ticks, tick = [], low
    while tick <= high:
        ticks.append(tick)
        tick += step
    return ticks


def _short(value: Decimal) -> str:
    """'−1,2 milj. €', '250 t€', '0 €': axis labels that fit."""
    number = abs(value)
    sign = "−" if value < 0 else ""
    if number >= 1_000_000:
        text = f"{number / 1_000_000:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{sign}{text} " + _("milj. €")
    if number >= 1000:
        return f"{sign}{number / 1000:.0f} " + _("t€")
    return f"{sign}{number:.0f} €"
