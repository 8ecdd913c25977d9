#!/bin/bash
# dfirst (diagonal block first, first copies before any layout load) and o16 (owarp passes of 16 rows), A/B in one call.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv,noheader > $OUT/gpu.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
B=cpasync,db2,owarp,r32,stlds
mkdir -p /tmp/cl && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl base=$B dfirst=$B,dfirst o16=$B,o16 both=$B,dfirst,o16
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py base.cl dfirst.cl o16.cl both.cl 2>&1 | grep -E "==|rror|Used|spill") > $OUT/ptxinfo.txt
set -f
A="--precision bf16 --patterns full;paper-power --lengths 32768,131072 --check --check-rows 16"
for o in $B $B,dfirst $B,o16 $B,dfirst,o16 $B; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o" >> $OUT/runs.txt
  timeout 200 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done
for o in $B,dfirst,o16; do
  timeout 120 $J -Dlongsight.mma.opts=$o,clock dev.longsight.kernels.bench.Timeline paper-power 131072 $OUT/tl-${o//,/}-power.csv 2>&1 | $F >> $OUT/runs.txt
done
echo done
