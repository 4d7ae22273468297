"""Build website/geodata/gulf_of_finland.json, the land shapes of the portal's map, from Natural Earth.

The shapes come from the world-atlas npm package (Natural Earth 1:50m countries as TopoJSON, ISC licence;
Natural Earth itself is public domain). Nothing is fetched at run time: this script is run once by a
developer and its output is committed.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_map_data.py package/countries-50m.json

The map projects longitude and latitude with an equirectangular projection whose x axis is scaled by the
cosine of the map's middle latitude; at these latitudes (57°–67° N) that keeps the shapes' proportions
within a few per cent, which a map of where things are needs, without a projection library.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

# The area shown: southern and central Finland with Lapland's edge, the Gulf of Finland and Estonia.
WEST, EAST, SOUTH, NORTH = 19.2, 31.8, 57.4, 67.0
COUNTRIES = {"Finland": "FI", "Estonia": "EE", "Sweden": "SE", "Russia": "RU", "Latvia": "LV", "Norway": "NO"}
WIDTH = 600  # viewBox units; the height follows from the projection
SIMPLIFY = 0.6  # Douglas–Peucker tolerance in viewBox units
OUTPUT = Path(__file__).resolve().parent.parent / "website" / "geodata" / "gulf_of_finland.json"

MID_LATITUDE = (SOUTH + NORTH) / 2
X_SCALE = math.cos(math.radians(MID_LATITUDE))
UNIT = WIDTH / ((EAST - WEST) * X_SCALE)
HEIGHT = round((NORTH - SOUTH) * UNIT)


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * X_SCALE * UNIT, (NORTH - lat) * UNIT


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are quantised and delta-encoded; this returns them as longitude/latitude points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    # Russia's ring crosses the antimeridian: unwrapped, Chukotka lies far east of the view and is clipped
    # away, instead of drawing a line across the whole map.
    return [(lon + 360 if lon < -169 else lon, lat) for lon, lat in points]


def clip(polygon: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sutherland–Hodgman clipping of a ring to the view rectangle (in projected units)."""
    edges = (
        (lambda p: p[0] >= 0, lambda a, b: _cross_x(a, b, 0)),
        (lambda p: p[0] <= WIDTH, lambda a, b: _cross_x(a, b, WIDTH)),
        (lambda p: p[1] >= 0, lambda a, b: _cross_y(a, b, 0)),
        (lambda p: p[1] <= HEIGHT, lambda a, b: _cross_y(a, b, HEIGHT)),
    )
    for inside, cross in edges:
        if not polygon:
            break
        result = []
        previous = polygon[-1]
        for point in polygon:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        polygon = result
    return polygon


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative so long coastlines don't hit the recursion limit."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        length = math.hypot(bx - ax, by - ay) or 1e-9
        worst, worst_index = 0.0, None
        for index in range(first + 1, last):
            px, py = points[index]
            distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > worst:
                worst, worst_index = distance, index
        if worst_index is not None and worst > tolerance:
            keep[worst_index] = True
            stack.extend([(first, worst_index), (worst_index, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A closed ring's two halves are simplified apart: with its ends at one point, Douglas–Peucker
    would have no base line to measure from."""
    middle = len(ring) // 2
    return simplify(ring[: middle + 1], SIMPLIFY) + simplify(ring[middle:] + ring[:1], SIMPLIFY)[1:-1]


def area(points) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))) / 2


def path_data(rings) -> str:
    parts = []
    for ring in rings:
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + "Z")
    return "".join(parts)


def build(source: Path) -> dict:
    topology = json.loads(source.read_text())
    arcs = decode_arcs(topology)
    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = COUNTRIES.get(geometry.get("properties", {}).get("name"))
        if not code:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            for ring in polygon:
                projected = [project(lon, lat) for lon, lat in ring_points(ring, arcs)]
                clipped = clip(projected)
                if len(clipped) < 3:
                    continue
                # Skerries smaller than a few pixels only add bytes.
                simplified = simplify_ring(clipped)
                if len(simplified) >= 3 and area(simplified) >= 2.0:
                    rings.append(simplified)
        if rings:
            countries[code] = path_data(rings)
    return {
        "source": "Natural Earth 1:50m admin 0 countries, via world-atlas 2.0.2 (countries-50m.json)",
        "bounds": {"west": WEST, "east": EAST, "south": SOUTH, "north": NORTH},
        "width": WIDTH,
        "height": HEIGHT,
        "x_scale": X_SCALE,
        "unit": UNIT,
        "countries": countries,
    }


if __name__ == "__main__":
    data = build(Path(sys.argv[1]))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
    points = sum(path.count("L") + path.count("M") for path in data["countries"].values())
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes, {points} points, {data['width']}x{data['height']})")
