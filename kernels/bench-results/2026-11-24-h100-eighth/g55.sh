#!/bin/bash
# Clock records with two more marks (the diagonal's first part starts; the first other block starts), so that the
# diagonal block's own cost is seen in place: default (dhalf) and qgl without dhalf, power 128K, full 32K, W = 12.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
B=cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds
P=cpasync,db2,dfirst,owarp,qgl,r32,stlds
i=0
for o in $B $P; do for p in paper-power sliding:window=12,sink=0 full; do
  i=$((i+1)); n=131072; [ $p = full ] && n=32768
  echo "== $o $p $n" >> $OUT/clock.txt
  timeout 60 $J -Dlongsight.mma.opts=$o,clock dev.longsight.kernels.bench.Timeline2 $p $n /tmp/tl.csv 2>&1 | grep "device ms" >> $OUT/clock.txt
  python3 $G/diag.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
  python3 $G/nscycle.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
  gzip -c /tmp/tl.csv > $OUT/tl$i.csv.gz
done; done
echo done
