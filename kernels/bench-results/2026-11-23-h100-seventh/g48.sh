#!/bin/bash
# Clock records (the "clock" diagnostic: %clock64 at fixed points of every group, WRONG LSE) of the new default
# (qgl, dhalf) against the previous default, power and full at 128K: where a query tile's time goes now.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
for o in cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds cpasync,db2,dfirst,owarp,r32,stlds; do for p in paper-power full; do
  echo "== $o $p" >> $OUT/clock.txt
  timeout 120 $J -Dlongsight.mma.opts=$o,clock dev.longsight.kernels.bench.Timeline $p 131072 /tmp/tl.csv 2>&1 | grep "device ms" >> $OUT/clock.txt
  python3 $G/analyse.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
  python3 $G/nscycle.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
done; done
echo done
