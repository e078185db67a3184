#!/usr/bin/env python3
"""`retouch mask --grow/--shrink` against the exact offset: shapes drawn by Retouch, grown
or shrunk, compared per pixel with the exact area coverage of shapely's buffer of the same
geometry (round joins, 512 segments per quarter circle).

    grow_check.py      (run with the bench venv's python; RETOUCH = release binary)

Prints, per case, the largest difference in levels, the pixels off by more than 1 and 4,
and the mean over the edge pixels. Cases: an axis-aligned rectangle, a rotated square and
a triangle at fractional coordinates (grown: their corners round off), four separate shapes
(two ellipses, two pentagons; grown and shrunk; a shrunk polygon's corners stay sharp, so
only its ellipses are compared).
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image
from shapely import affinity
from shapely.geometry import Point, Polygon, box
from shapely.ops import unary_union

RETOUCH = os.environ.get("RETOUCH", os.path.join(os.path.dirname(__file__), "..", "..", ".build", "release", "retouch"))


def coverage(geom, width, height):
    out = np.zeros((height, width))
    boundary = geom.boundary
    for y in range(height):
        for x in range(width):
            cell = box(x, y, x + 1, y + 1)
            out[y, x] = geom.intersection(cell).area if cell.intersects(boundary) else float(geom.contains(Point(x + 0.5, y + 0.5)))
    return np.round(out * 255)


def run(shapes, width, height, distance, directory):
    path = os.path.join(directory, "shapes.json")
    json.dump({"shapes": shapes}, open(path, "w"))
    output = os.path.join(directory, "out.png")
    flag = ["--grow", str(distance)] if distance > 0 else ["--shrink", str(-distance)]
    subprocess.run([RETOUCH, "mask", "--size", f"{width}x{height}", "--shapes", path, *flag, "--convention", "white", "-o", output],
                   check=True, capture_output=True)
    return np.asarray(Image.open(output)).astype(float)


def polygon(points):
    return {"type": "polygon", "points": [list(p) for p in points]}, Polygon(points)


def main():
    cases = []
    for name, points in [("rectangle", [(30.3, 25.7), (90.6, 25.7), (90.6, 80.2), (30.3, 80.2)]),
                         ("rotated square", [(60, 15.5), (100.3, 55.2), (60.4, 95.1), (20.2, 55.6)]),
                         ("triangle", [(20.5, 95.3), (100.2, 90.7), (55.4, 20.1)])]:
        shape, geom = polygon(points)
        for distance in (4.0, 9.5):
            cases.append((f"{name}, grow {distance}", [shape], geom, 120, 120, distance, None))
    separate, geoms = [], []
    for cx, cy, rx, ry in [(45.3, 45.7, 24.1, 17.6), (50.3, 150.7, 19.2, 27.4)]:
        separate.append({"type": "ellipse", "cx": cx, "cy": cy, "rx": rx, "ry": ry})
        geoms.append(affinity.scale(Point(cx, cy).buffer(1, quad_segs=512), rx, ry))
    for cx, cy in [(150, 50), (150, 150)]:
        shape, geom = polygon([(cx + 28 * np.cos(a) + 3 * np.sin(5 * a), cy + 28 * np.sin(a)) for a in np.linspace(0, 2 * np.pi, 6)[:-1]])
        separate.append(shape)
        geoms.append(geom)
    union = unary_union(geoms)
    ellipses_only = np.zeros((200, 200), dtype=bool)
    ellipses_only[:, :100] = True
    for distance in (3.0, 6.5, -2.0):
        cases.append((f"four shapes, {'grow' if distance > 0 else 'shrink'} {abs(distance)}", separate, union, 200, 200, distance,
                      ellipses_only if distance < 0 else None))
    print(f"{'case':32s} {'max':>5s} {'>1':>5s} {'>4':>5s} {'edge mean':>10s}")
    with tempfile.TemporaryDirectory() as directory:
        for name, shapes, geom, width, height, distance, region in cases:
            exact = coverage(geom.buffer(distance, quad_segs=512), width, height)
            difference = np.abs(run(shapes, width, height, distance, directory) - exact)
            if region is not None:
                difference = difference * region
            edge = (exact > 0) & (exact < 255)
            print(f"{name:32s} {difference.max():5.0f} {(difference > 1).sum():5d} {(difference > 4).sum():5d} {difference[edge].mean():10.3f}")


if __name__ == "__main__":
    sys.exit(main())
