#!/bin/bash
# Is the diagonal block slow for its data? Clock records with the "nocopy" diagnostic (WRONG O: key tiles after the
# first are not copied) against the default, power 128K; and the first form of dpf (before the first copies, with Q).
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
B=cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds
for o in $B $B,nocopy; do for p in paper-power; do
  echo "== $o $p" >> $OUT/clock.txt
  timeout 60 $J -Dlongsight.mma.opts=$o,clock dev.longsight.kernels.bench.Timeline2 $p 131072 /tmp/tl.csv 2>&1 | grep "device ms" >> $OUT/clock.txt
  python3 $G/diag.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
  python3 $G/nscycle.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
done; done
echo done
