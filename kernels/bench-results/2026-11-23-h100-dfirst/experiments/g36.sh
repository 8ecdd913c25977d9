#!/bin/bash
# asc: query tiles dispatched shortest layout rows first (an L2 model gives 17-22% fewer K/V misses for power); A/B twice.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
B=cpasync,db2,dfirst,owarp,r32,stlds
A="--precision bf16 --patterns full;paper-power;paper-sliding --lengths 32768,131072 --check --check-rows 16"
for o in $B $B,asc $B $B,asc; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o" >> $OUT/runs.txt
  timeout 200 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done
for o in $B,clock $B,asc,clock; do
  timeout 120 $J -Dlongsight.mma.opts=$o dev.longsight.kernels.bench.Timeline paper-power 131072 /tmp/tl.csv 2>&1 | grep "device ms" >> $OUT/clock.txt
  python3 $G/nscycle.py /tmp/tl.csv >> $OUT/clock.txt
done
echo done
