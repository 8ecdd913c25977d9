#!/bin/bash
# SM clock during full, sliding and power launches at 128K (clock records of the default build).
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
for p in full paper-power paper-sliding full paper-power; do
  timeout 120 $J -Dlongsight.mma.opts=cpasync,db2,dfirst,owarp,r32,stlds,clock dev.longsight.kernels.bench.Timeline $p 131072 /tmp/tl-$p.csv 2>&1 | grep "device ms" >> $OUT/clock.txt
  python3 $G/nscycle.py /tmp/tl-$p.csv >> $OUT/clock.txt
done
echo done
