# LRU L2 simulation of K/V block fetches for power:window=5,sink=1 at 128K (1024 blocks, 8 heads), 264 concurrent groups.
import collections, sys
NQ=1024; H=8; W=264
def row(q):
    return sorted({k for k in range(q+1) if (q-k)<5 or ((q-k)&(q-k-1))==0 or k<1})
rows=[row(q) for q in range(NQ)]
def order_desc():   # current: head-major, q descending
    return [(h,q) for h in range(H) for q in reversed(range(NQ))]
def order_asc():
    return [(h,q) for h in range(H) for q in range(NQ)]
def order_stride(s):
    out=[]
    for h in range(H):
        qs=list(reversed(range(NQ)))
        for r in range(s):
            out+= [(h,q) for q in qs[r::s]]
    return out
def sim(order, cap, dfirst=True):
    lru=collections.OrderedDict(); miss=0; acc=0
    pending=collections.deque(order)
    active=[]
    def start():
        h,q=pending.popleft(); blocks=rows[q]
        if dfirst: blocks=[blocks[-1]]+blocks[:-1]
        return [h,blocks,0]
    for _ in range(W):
        if pending: active.append(start())
    while active:
        nxt=[]
        for g in active:
            h,blocks,i=g
            key=(h,blocks[i]); acc+=1
            if key in lru: lru.move_to_end(key)
            else:
                miss+=1; lru[key]=1
                if len(lru)>cap: lru.popitem(last=False)
            g[2]+=1
            if g[2]<len(blocks): nxt.append(g)
            elif pending: nxt.append(start())
        active=nxt
    return miss,acc
for cap in (400,780):
    for name,o in (("desc",order_desc()),("asc",order_asc()),("stride2",order_stride(2)),("stride4",order_stride(4)),("stride16",order_stride(16))):
        m,a=sim(o,cap)
        print(f"cap {cap} blocks ({cap*64/1024:.0f} MB) {name:9s} misses {m} of {a} accesses ({m/a:.3f}); HBM {m*64/1024:.0f} MB")
