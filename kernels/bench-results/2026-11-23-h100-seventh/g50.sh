#!/bin/bash
# Clock records of the default build (power and full at 128K) kept whole, to see where power's slots stand idle.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
for p in paper-power full; do
  timeout 120 $J -Dlongsight.mma.opts=cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds,clock dev.longsight.kernels.bench.Timeline $p 131072 $OUT/tl-$p.csv 2>&1 | grep "device ms" >> $OUT/clock.txt
done
gzip $OUT/tl-*.csv
echo done
