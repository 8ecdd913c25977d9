#!/bin/bash
# Tenth session, issue 5: where power's and full attention's slots stand idle (clock records, idle.py), the new
# default (tmix) against the ninth session's, at 128K.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
P=cpasync,db2,dfirst,dhalf,h64,owarp,qgl,r32,stlds
for o in $P,tmix $P; do for p in paper-power full; do
  n=$([ $o = $P ] && echo previous || echo default)-$p
  echo "== $o $p" >> $OUT/idle.txt
  timeout 120 $J -Dlongsight.mma.opts=$o,clock dev.longsight.kernels.bench.Timeline $p 131072 /tmp/$n.csv 2>&1 | grep "device ms" | cut -c1-60 >> $OUT/idle.txt
  python3 $G/idle.py /tmp/$n.csv >> $OUT/idle.txt 2>&1
  python3 $G/analyse.py /tmp/$n.csv >> $OUT/idle.txt 2>&1
  python3 $G/nscycle.py /tmp/$n.csv >> $OUT/idle.txt 2>&1
  [ $p = paper-power ] && gzip -c /tmp/$n.csv > $OUT/tl-$n.csv.gz
done; done
echo done
