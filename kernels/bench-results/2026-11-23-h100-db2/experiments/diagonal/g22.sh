#!/bin/bash
# dskip (diagonal block: interleaved m-tiles, a warp computes only its m-tiles with a key at or before a row) on db2+owarp.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
mkdir -p /tmp/cl && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl dflt=cpasync,r32,db2,owarp dskip=cpasync,r32,db2,owarp,dskip
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py dflt.cl dskip.cl 2>&1 | grep -E "==|rror|Used|spill") > $OUT/ptxinfo.txt
set -f
A="--precision bf16 --patterns full;paper-power;sliding:window=1;sliding:window=11 --lengths 32768,131072 --check --check-rows 16"
for o in cpasync,r32,db2,owarp cpasync,r32,db2,owarp,dskip; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o" >> $OUT/runs.txt
  timeout 200 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done
# the skip path runs only on the GPU: many rows checked, odd shapes
for d in 128 64 100 17; do echo "\$ bench --heads 6 --kv-heads 2 --head-dim $d --lengths 8191 --check-rows 2048 dskip" >> $OUT/shapes.txt
  timeout 100 $J -Dlongsight.mma.opts=cpasync,r32,db2,owarp,dskip $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision bf16 --patterns "full;paper-power;sliding:window=1" --lengths 8191,300 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 2048 2>&1 | $F | grep -E "^longsight|# device|rc|rror|failed" >> $OUT/shapes.txt; done
echo "\$ tf32 default" >> $OUT/runs.txt
timeout 100 $J $M $S --precision tf32 --patterns "full;paper-power" --lengths 32768,131072 --check --check-rows 16 2>&1 | $F | grep -E "^longsight|rror|# device" >> $OUT/runs.txt
for o in cpasync,r32,db2,owarp,dskip; do
  for c in paper-power:131072 sliding:window=1:131072; do
    p=${c%:*}; n=${c##*:}
    timeout 120 $J -Dlongsight.mma.opts=$o,clock dev.longsight.kernels.bench.Timeline "$p" $n $OUT/tl-${o//,/}-${p//[:=]/}.csv 2>&1 | $F >> $OUT/runs.txt
  done
done
echo done
