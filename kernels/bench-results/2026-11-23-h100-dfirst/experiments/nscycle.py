"""ns per SM cycle over a clock-diagnostic CSV (Timeline): sum of %globaltimer spans over sum of %clock64 spans, overall and per tenth of the launch."""
import csv, sys
for f in sys.argv[1:]:
    R = [{k: int(v) for k, v in r.items()} for r in csv.DictReader(open(f))]
    gt = sum(r['gt1'] - r['gt0'] for r in R); ck = sum(r['ck3'] - r['ck0'] for r in R)
    t0 = min(r['gt0'] for r in R); t1 = max(r['gt1'] for r in R)
    R.sort(key=lambda r: r['gt0']); n = len(R)
    dec = [sum(r['gt1'] - r['gt0'] for r in R[i * n // 10:(i + 1) * n // 10]) / sum(r['ck3'] - r['ck0'] for r in R[i * n // 10:(i + 1) * n // 10]) for i in range(10)]
    print(f"{f}: groups {n} span {(t1 - t0) / 1e3:.1f} us, ns/cycle {gt / ck:.4f} ({1 / (gt / ck):.3f} GHz); by tenths: " + " ".join(f"{d:.4f}" for d in dec))
