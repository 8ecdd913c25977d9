import csv,sys
def q(xs):
    xs=sorted(xs); n=len(xs); return f"med {xs[n//2]:7.0f} p10 {xs[n//10]:7.0f} p90 {xs[9*n//10]:7.0f} mean {sum(xs)/n:7.0f}"
for f in sys.argv[1:]:
    R=[{k:int(v) for k,v in r.items()} for r in csv.DictReader(open(f))]
    print("==",f,len(R))
    for name,a,b in [('prologue','ck0','ck1'),('firstwait','ck1','ckw'),('to-diag','ckw','ckd'),('diag','ckd','ck2'),('lse/inv','ck2','ck2a'),('epi-barrier','ck2a','ckb'),('epi-stores','ckb','ck3'),('total','ck0','ck3')]:
        print(f"  {name:12s} {q([r[b]-r[a] for r in R])}")
    print("  non-diag per block", q([(r['ckd']-r['ckw'])/max(1,r['blocks']-1) for r in R if r['blocks']>1]))
    sk=[]
    for r in R:
        lo=r['ck2']&0xffffffff
        ws=[lo]+[r['w1'],r['w2'],r['w3']]
        sk.append(max(ws)-min(ws) if max(ws)-min(ws)<1e8 else 0)
    print("  warp exit skew", q(sk))
