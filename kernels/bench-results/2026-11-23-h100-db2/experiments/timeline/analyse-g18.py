import csv,sys,statistics as st
for f in sys.argv[1:]:
    R=[{k:int(v) for k,v in r.items()} for r in csv.DictReader(open(f))]
    t0=min(r['gt0'] for r in R); t1=max(r['gt1'] for r in R)
    span=(t1-t0)/1e3
    # cycles->ns calibration
    cal=st.median([(r['gt1']-r['gt0'])/max(1,(r['ck3']-r['ck0'])) for r in R])
    def q(xs): xs=sorted(xs); n=len(xs); return f"med {xs[n//2]:.0f} p10 {xs[n//10]:.0f} p90 {xs[9*n//10]:.0f} mean {sum(xs)/n:.0f}"
    print(f"== {f}: groups {len(R)} span {span:.1f} us, ns/cycle {cal:.3f}")
    for name,a,b in [('prologue',"ck0","ck1"),('firstwait','ck1','ckw'),('loop','ckw','ck2'),('epilogue','ck2','ck3'),('total','ck0','ck3')]:
        print(f"  {name:9s} cycles {q([r[b]-r[a] for r in R])}")
    print("  loop cycles per block:", q([(r['ck2']-r['ckw'])/r['blocks'] for r in R]))
    # per-SM occupancy over time
    import collections
    bysm=collections.defaultdict(list)
    for r in R: bysm[r['sm']].append((r['gt0'],r['gt1']))
    print("  SMs", len(bysm), "groups/SM min/max", min(len(v) for v in bysm.values()), max(len(v) for v in bysm.values()))
    # time-weighted concurrency per SM
    tot0=tot1=tot2=tot3=0
    gaps=[]
    for sm,iv in bysm.items():
        ev=[]
        for a,b in iv: ev+= [(a,1),(b,-1)]
        ev.sort()
        c=0; last=t0
        for t,d in ev:
            dt=t-last
            if c==0: tot0+=dt
            elif c==1: tot1+=dt
            elif c==2: tot2+=dt
            else: tot3+=dt
            c+=d; last=t
        tot0+=t1-last
        # gap between a group's end and next start on the SM
    S=len(bysm)*(t1-t0)
    print(f"  SM-time fraction with 0/1/2/3+ groups: {tot0/S:.3f} {tot1/S:.3f} {tot2/S:.3f} {tot3/S:.3f}")
    # timeline: how many groups active over time buckets
    nb=20; w=(t1-t0)/nb; act=[0]*nb
    for r in R:
        for i in range(nb):
            a=max(r['gt0'],t0+i*w); b=min(r['gt1'],t0+(i+1)*w)
            if b>a: act[i]+=(b-a)/w
    print("  active groups per 5% of span:", " ".join(f"{x:.0f}" for x in act))
    # start latency first wave
    st0=sorted(r['gt0']-t0 for r in R)
    print("  starts: 264th at %.1f us, last start at %.1f us; last end %.1f"%(st0[263]/1e3, st0[-1]/1e3, span))
    ends=sorted(r['gt1']-t0 for r in R)
    print("  ends: 264th-from-last end at %.1f us"%(ends[-264]/1e3))
