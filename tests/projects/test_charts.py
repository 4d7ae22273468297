"""The project timeline: one axis for the listed projects, each bar a link, and today's line."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from finest.core.i18n import url_in_language
from projects.charts import TimelineItem, timeline_svg
from tests.factories import ProjectFactory


def _item(label, start, end, status="ongoing", url="/en/projects/x/"):
    return TimelineItem(label=label, url=url, start=start, end=end, status=status)


def test_bars_share_one_axis_from_the_first_start_to_the_last_end():
    with translation.override("en"):
        svg = timeline_svg(
            items=[_item("A", date(2020, 1, 1), date(2021, 1, 1)), _item("B", date(2021, 1, 1), date(2022, 1, 1))],
            today=date(2021, 7, 2), title="Projects", chart_id="t", status_labels={"ongoing": "Ongoing"},
        )
    bars = re.findall(r'<rect class="[^"]+" x="([\d.]+)%" y="\d+" width="([\d.]+)%"', svg)
    # 2020-01-01 .. 2023-01-01 is the axis: A covers its first third, B the second.
    assert [(round(float(x)), round(float(w))) for x, w in bars] == [(0, 33), (33, 33)]
    assert 'class="chart-today"' in svg and ">Today<" in svg
    assert "(Ongoing)" in re.search(r"<desc[^>]*>([^<]*)</desc>", svg).group(1)


def test_links_and_labels_are_escaped():
    svg = timeline_svg(
        items=[_item('<script>"x"</script>', date(2020, 1, 1), date(2021, 1, 1), url='/en/p/"onmouseover=x/')],
        today=date(2030, 1, 1), title="T", chart_id="t", status_labels={},
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'href="/en/p/&quot;onmouseover=x/"' in svg
    assert 'class="chart-today"' not in svg  # today lies outside the axis


def test_no_dated_projects_no_chart():
    assert timeline_svg(items=[], today=date(2020, 1, 1), title="T", chart_id="t", status_labels={}) == ""


@pytest.mark.django_db
def test_project_list_shows_the_listed_projects_on_the_timeline(client):
    today = timezone.localdate()
    running = ProjectFactory(title_en="Running project", start_date=today - timedelta(days=400),
                             end_date=today + timedelta(days=400))
    ProjectFactory(title_en="Undated project", start_date=None, end_date=None)
    html = client.get("/en/projects/").content.decode()
    chart = html[html.index('class="chart-timeline"'):]
    chart = chart[: chart.index("</svg>")]
    assert f'href="{url_in_language(running, "en")}"' in chart
    assert "Running project" in chart and "Undated project" not in chart
    assert 'class="chart-bar-current"' in chart
