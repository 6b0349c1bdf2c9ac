"""Charts of the analysis pages (Altair; names are drawn as SVG text and escaped in tooltips by Vega)."""
from __future__ import annotations

import altair as alt
import pandas as pd


def heatmap(table: pd.DataFrame, x: str, y: str, value: str, x_title: str, y_title: str,
            value_title: str, shares: bool = False) -> alt.Chart:
    """A matrix of coloured cells with their value written inside (rows ``y``, columns ``x``); ``shares``
    in [0, 1] are written as French percentages (``72 %``). The colour grows as the square root of the
    value, so that one large row does not wash out the others."""
    written = "format(datum['%s'] * 100, '.0f') + ' %%'" % value if shares else "format(datum['%s'], 'd')" % value
    legend_labels = "format(datum.value * 100, '.0f') + ' %'" if shares else "format(datum.value, 'd')"
    base = alt.Chart(table).encode(
        x=alt.X(f"{x}:N", title=x_title, sort=None, axis=alt.Axis(labelAngle=-35, labelLimit=220)),
        y=alt.Y(f"{y}:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(f"{value}:Q", title=value_title, scale=alt.Scale(scheme="blues", type="sqrt"),
                        legend=alt.Legend(labelExpr=legend_labels)),
        tooltip=[alt.Tooltip(f"{y}:N", title=y_title), alt.Tooltip(f"{x}:N", title=x_title),
                 alt.Tooltip("ecrit:N", title=value_title)]).transform_calculate(ecrit=written)
    dark = 0.45 * float(table[value].max() or 0)
    ink = f"datum['{value}'] > {dark} ? 'white' : datum['{value}'] > 0 ? '#222' : '#bbb'"
    text = base.mark_text(fontSize=12).transform_calculate(ecrit=written, encre=ink).encode(
        text=alt.Text("ecrit:N"), color=alt.Color("encre:N", scale=None))
    return (cells + text).resolve_scale(color="independent").properties(height=alt.Step(28))


def curve(table: pd.DataFrame, x: str, y: str, x_title: str, y_title: str, label: str) -> alt.Chart:
    """A line with points, ``y`` in [0, 1] shown as a percentage, each point labelled by ``label`` in its tooltip."""
    return alt.Chart(table).mark_line(point=True).encode(
        x=alt.X(f"{x}:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{y}:Q", title=y_title, scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(labelExpr="format(datum.value * 100, '.0f') + ' %'")),
        tooltip=[alt.Tooltip(f"{label}:N", title="acteur"), alt.Tooltip(f"{y}:Q", title=y_title, format=".0%")],
    ).properties(height=230)

