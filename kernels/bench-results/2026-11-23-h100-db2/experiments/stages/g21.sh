#!/bin/bash
# db2: two K/V stages, each copy issued a tile ahead (two barriers per tile as before); with owarp.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
mkdir -p /tmp/cl && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl db2=cpasync,stlds,r32,db2 db2owarp=cpasync,r32,db2,owarp
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py db2.cl db2owarp.cl 2>&1 | grep -E "==|rror|Used|spill") > $OUT/ptxinfo.txt
set -f
A="--precision bf16 --patterns full;paper-power;sliding:window=1;sliding:window=11 --lengths 32768,131072 --check --check-rows 16"
for o in cpasync,stlds,r32 cpasync,stlds,r32,db2 cpasync,r32,db2,owarp cpasync,r32,owarp; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o" >> $OUT/runs.txt
  timeout 200 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done
for o in cpasync,stlds,r32,db2 cpasync,r32,db2,owarp; do
  for c in paper-power:131072 sliding:window=11:131072; do
    p=${c%:*}; n=${c##*:}
    timeout 120 $J -Dlongsight.mma.opts=$o,clock dev.longsight.kernels.bench.Timeline "$p" $n $OUT/tl-${o//,/}-${p//[:=]/}.csv 2>&1 | $F >> $OUT/runs.txt
  done
done
echo done
