"""Clock records with the diagonal's marks (Timeline2 CSV): per query tile, cycles of its start, the diagonal's
second half (dhalf's loop), its first part, the other blocks (per block), the last block and the epilogue."""
import csv, gzip, sys
def q(xs):
    xs = sorted(xs); n = len(xs)
    return f"med {xs[n // 2]:8.0f} p10 {xs[n // 10]:8.0f} p90 {xs[9 * n // 10]:8.0f} mean {sum(xs) / n:8.0f}  (n {n})"
for f in sys.argv[1:]:
    op = gzip.open if f.endswith(".gz") else open
    R = [{k: int(v) for k, v in r.items()} for r in csv.DictReader(op(f, "rt"))]
    print("==", f, len(R))
    M = [r for r in R if r["blocks"] >= 3 and r["ckx"] > 0]
    for name, fn in [("start to first data", lambda r: r["ckw"] - r["ck0"]),
                     ("diag second half", lambda r: r["ckh"] - r["ckw"]),
                     ("diag first part", lambda r: r["ckx"] - r["ckh"]),
                     ("diagonal, whole", lambda r: r["ckx"] - r["ckw"]),
                     ("other blocks, per block", lambda r: (r["ckd"] - r["ckx"]) / (r["blocks"] - 2)),
                     ("last block to loop exit", lambda r: r["ck2"] - r["ckd"]),
                     ("loop exit to end", lambda r: r["ck3"] - r["ck2"]),
                     ("total", lambda r: r["ck3"] - r["ck0"])]:
        print(f"  {name:24s} {q([fn(r) for r in M])}")
