#!/bin/bash
# ounroll: the owarp O store loop unrolled (8 LDS + 8 STG per pass in flight); A/B against the default, twice.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
B=cpasync,db2,dfirst,owarp,r32,stlds
mkdir -p /tmp/cl && rm -f /tmp/cl/* && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl default=$B ounroll=$B,ounroll
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py default.cl ounroll.cl 2>&1 | grep -E "==|rror|Used|spill" | grep -v LS_CLOCK) > $OUT/ptxinfo.txt
set -f
A="--precision bf16 --patterns full;paper-power;paper-sliding --lengths 32768,131072 --check --check-rows 16"
for o in $B $B,ounroll $B $B,ounroll; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o" >> $OUT/runs.txt
  timeout 200 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done
echo done
