"""Independent point-in-polygon for the region-resolution benchmark: the NUTS-3 region of each point
with Shapely (STRtree over the NUTS-3 polygons, prepared geometries for the containment test), and,
for points in no polygon, the nearest polygon within a radius in km (local equirectangular
projection, as Milieu does).

Run with Debian's interpreter (python3-shapely, python3-pandas):
    /usr/bin/python3 bench/peers/regions_reference.py NUTS_RG_60M_2021_4326.geojson points.csv [max_km]
points.csv has a header `lon,lat`. Prints one JSON object:
{"seconds": {"load": s, "tree": s, "query": s}, "regions": ["DE212", "", ...], "fallback": n}.
"""
import json
import math
import sys
import time

import pandas as pd
from shapely.geometry import Point, shape
from shapely.ops import transform
from shapely.prepared import prep
from shapely.strtree import STRtree

KM_PER_DEGREE = 6371.0088 * math.pi / 180


def main():
    geojson_path, points_path = sys.argv[1], sys.argv[2]
    max_km = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
    seconds = {}

    t = time.perf_counter()
    with open(geojson_path, encoding="utf-8") as f:
        features = json.load(f)["features"]
    level3 = [f for f in features if f["properties"].get("LEVL_CODE") == 3]
    ids = [f["properties"]["NUTS_ID"] for f in level3]
    polygons = [shape(f["geometry"]) for f in level3]
    points = pd.read_csv(points_path)
    seconds["load"] = time.perf_counter() - t

    t = time.perf_counter()
    tree = STRtree(polygons)
    prepared = [prep(p) for p in polygons]
    index_of = {id(p): i for i, p in enumerate(polygons)}
    seconds["tree"] = time.perf_counter() - t

    t = time.perf_counter()
    regions = []
    fallback = 0
    for lon, lat in zip(points["lon"].tolist(), points["lat"].tolist()):
        pt = Point(lon, lat)
        found = ""
        for candidate in tree.query(pt):
            i = index_of[id(candidate)]
            if prepared[i].contains(pt) or polygons[i].touches(pt):
                found = ids[i]
                break
        if not found and max_km > 0:
            # nearest polygon within max_km, distances in a local equirectangular projection (km)
            ky = KM_PER_DEGREE
            kx = KM_PER_DEGREE * math.cos(math.radians(lat))
            dy = max_km / ky
            dx = max_km / kx if kx > 1e-9 else 360
            box = Point(lon, lat).buffer(1).envelope
            box = transform(lambda x, y: (lon + (x - lon) * dx, lat + (y - lat) * dy), box)
            best, best_d = "", float("inf")
            local = lambda x, y: ((x - lon) * kx, (y - lat) * ky)  # noqa: E731
            origin = Point(0, 0)
            for candidate in tree.query(box):
                d = transform(local, candidate).distance(origin)
                if d < best_d:
                    best, best_d = ids[index_of[id(candidate)]], d
            if best_d <= max_km:
                found = best
                fallback += 1
        regions.append(found)
    seconds["query"] = time.perf_counter() - t

    print(json.dumps({"seconds": seconds, "regions": regions, "fallback": fallback}))


if __name__ == "__main__":
    main()
