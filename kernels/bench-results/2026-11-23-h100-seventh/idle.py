"""Where a launch's SM slots stand idle, from the clock records' %globaltimer (gt0: a group's first instruction,
gt1: its last) and %smid, two slots per SM: before the first groups, between one group's end and the next's start
on the same SM, and after the last group's start (the tail). Usage: idle.py tl.csv[.gz] ..."""
import bisect, collections, csv, gzip, sys
for f in sys.argv[1:]:
    G = [(int(r['sm']), int(r['gt0']), int(r['gt1'])) for r in csv.DictReader(gzip.open(f, 'rt') if f.endswith('.gz') else open(f))]
    t0, t1 = min(g[1] for g in G), max(g[2] for g in G)
    last_start = max(g[1] for g in G)
    by_sm = collections.defaultdict(list)
    for sm, a, b in G: by_sm[sm].append((a, b))
    idle = {'head': 0, 'mid': 0, 'tail': 0}
    gaps = []
    for iv in by_sm.values():
        first = min(a for a, _ in iv)
        ev = sorted([(a, 1) for a, _ in iv] + [(b, -1) for _, b in iv])
        cur, last = 0, t0
        for t, d in ev:
            if t > last and cur < 2:
                idle['tail' if last >= last_start else 'head' if last < first + 1 else 'mid'] += (2 - cur) * (t - last)
            cur, last = cur + d, t
        idle['tail'] += 2 * (t1 - last)
        starts = sorted(a for a, _ in iv)
        for _, b in iv:
            i = bisect.bisect_left(starts, b)
            if i < len(starts): gaps.append(starts[i] - b)
    cap = 2 * (t1 - t0) * len(by_sm)
    gaps.sort()
    print(f"{f}: {len(by_sm)} SMs, span {(t1 - t0) / 1e3:.1f} us, slots idle {100 * sum(idle.values()) / cap:.2f}%"
          f" (before the first groups {100 * idle['head'] / cap:.2f}%, between groups {100 * idle['mid'] / cap:.2f}%,"
          f" after the last start {100 * idle['tail'] / cap:.2f}%); a group's end to the next start on its SM:"
          f" median {gaps[len(gaps) // 2]} ns, p10 {gaps[len(gaps) // 10]}, p90 {gaps[9 * len(gaps) // 10]}")
