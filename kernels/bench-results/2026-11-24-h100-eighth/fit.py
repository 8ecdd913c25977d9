"""Per-tile cycles against blocks per layout row, from the "clock" records (Timeline CSV, gzip): the mean cycles
of a query tile (start to end of its group) for each block count, and a least-squares line through all tiles."""
import csv, gzip, sys
from collections import defaultdict

for path in sys.argv[1:]:
    rows = [{k: int(v) for k, v in r.items()} for r in csv.DictReader(gzip.open(path, "rt"))]
    by = defaultdict(list)
    for r in rows:
        by[r["blocks"]].append(r["ck3"] - r["ck0"])
    xs = [r["blocks"] for r in rows]
    ys = [r["ck3"] - r["ck0"] for r in rows]
    n = len(xs); mx = sum(xs) / n; my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    line = ""
    if sxx > 0:
        b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
        line = f"fit {my - b * mx:.0f} + {b:.0f} * blocks"
    print(f"== {path}: {n} tiles, mean {my / 1000:.1f}K cycles, mean blocks {mx:.2f}; {line}")
    print("  " + " ".join(f"{k}:{sum(v) / len(v) / 1000:.1f}K(n{len(v)})" for k, v in sorted(by.items())))
