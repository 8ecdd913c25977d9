#!/bin/bash
# Where power's fixed cost per query tile lies: clock records (default build) of windows with W blocks per row (the
# diagonal alone, +1, +3, +11: contiguous like full attention), paper-power and full at 128K; and the same in time.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
M=dev.longsight.kernels.bench.BenchMain
B=cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds
i=0
for p in sliding:window=1,sink=0 sliding:window=2,sink=0 sliding:window=4,sink=0 sliding:window=12,sink=0 paper-power full; do
  i=$((i+1))
  echo "== $p" >> $OUT/clock.txt
  timeout 60 $J -Dlongsight.mma.opts=$B,clock dev.longsight.kernels.bench.Timeline $p 131072 /tmp/tl.csv 2>&1 | grep "device ms" >> $OUT/clock.txt
  python3 $G/analyse.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
  python3 $G/nscycle.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
  gzip -c /tmp/tl.csv > $OUT/tl$i.csv.gz
done
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0 --precision bf16"
for r in 1 2; do
timeout 100 $J $M $S --patterns "full;paper-power;sliding:window=12,sink=0;sliding:window=1,sink=0;sliding:window=2,sink=0;sliding:window=4,sink=0" --lengths 131072 2>&1 | grep -E "^longsight|rror" >> $OUT/runs.txt
done
echo done
