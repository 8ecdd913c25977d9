#!/bin/bash
# tmix (the last 64 query tiles of every head last, heads interleaved) against the default, twice each; 64-row tiles.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK -e warning"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
A="--precision bf16 --patterns full;paper-sliding;paper-power --lengths 32768,131072 --check --check-rows 16"
for o in cpasync,r32,db2,owarp,stlds cpasync,r32,db2,owarp,stlds,tmix cpasync,r32,db2,owarp,stlds cpasync,r32,db2,owarp,stlds,tmix; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o" >> $OUT/runs.txt
  timeout 200 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done
echo "\$ bench $S $A --variant mma-bf16 (64-row tiles)" >> $OUT/runs.txt
timeout 200 $J $M $S $A --variant mma-bf16 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
timeout 120 $J -Dlongsight.mma.opts=cpasync,r32,db2,owarp,stlds,tmix,clock dev.longsight.kernels.bench.Timeline paper-power 131072 $OUT/tl-tmix-paper-power.csv 2>&1 | $F >> $OUT/runs.txt
echo done
