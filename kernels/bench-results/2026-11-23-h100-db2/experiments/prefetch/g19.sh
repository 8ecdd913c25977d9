#!/bin/bash
# owarp (per-warp O passes) and l2pf (next block prefetched into L2), with clock records of where a group's time goes.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
mkdir -p /tmp/cl && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl base=cpasync,stlds,r32 owarp=cpasync,r32,owarp l2pf=cpasync,stlds,r32,l2pf both=cpasync,r32,owarp,l2pf
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py *.cl 2>&1 | grep -E "==|rror|Used|spill") > $OUT/ptxinfo.txt
A="--precision bf16 --patterns full;paper-power;sliding:window=1;sliding:window=7 --lengths 131072 --check --check-rows 16"
for o in cpasync,stlds,r32 cpasync,r32,owarp cpasync,stlds,r32,l2pf cpasync,r32,owarp,l2pf; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o" >> $OUT/runs.txt
  timeout 150 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done
echo "\$ bench full 32K" >> $OUT/runs.txt
for o in cpasync,stlds,r32 cpasync,r32,owarp,l2pf; do timeout 100 $J -Dlongsight.mma.opts=$o $M $S --precision bf16 --patterns full --lengths 32768 --check --check-rows 16 2>&1 | $F | grep -E "^longsight|rror|xception" >> $OUT/runs.txt; done
for o in cpasync,stlds,r32 cpasync,r32,owarp,l2pf; do
  for c in paper-power:131072 sliding:window=1:131072; do
    p=${c%:*}; n=${c##*:}
    timeout 120 $J -Dlongsight.mma.opts=$o,clock dev.longsight.kernels.bench.Timeline "$p" $n $OUT/tl-${o//,/}-${p//[:=]/}.csv 2>&1 | $F >> $OUT/runs.txt
  done
done
echo done
