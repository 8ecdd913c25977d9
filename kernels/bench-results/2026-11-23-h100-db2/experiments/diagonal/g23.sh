#!/bin/bash
# dpred: interleaved m-tiles, the diagonal block's mma predicated off per m-tile where all keys follow its rows.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK -e warning"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
mkdir -p /tmp/cl && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl dflt=cpasync,r32,db2,owarp,stlds dpred=cpasync,r32,db2,owarp,stlds,dpred
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py dflt.cl dpred.cl 2>&1 | grep -E "==|rror|Used|spill") > $OUT/ptxinfo.txt
set -f
A="--precision bf16 --patterns full;paper-sliding;paper-power;sliding:window=1 --lengths 32768,131072 --check --check-rows 16"
for o in cpasync,r32,db2,owarp,stlds cpasync,r32,db2,owarp,stlds,dpred cpasync,r32,db2,owarp,stlds cpasync,r32,db2,owarp,stlds,dpred; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o" >> $OUT/runs.txt
  timeout 200 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done
for d in 128 64 100 17; do echo "\$ bench --heads 6 --kv-heads 2 --head-dim $d --lengths 8191,300 --check-rows 1024 (default, then dpred)" >> $OUT/shapes.txt
  for o in cpasync,r32,db2,owarp,stlds cpasync,r32,db2,owarp,stlds,dpred; do
  timeout 100 $J -Dlongsight.mma.opts=$o $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision bf16 --patterns "full;paper-power;sliding:window=1" --lengths 8191,300 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | $F | grep -E "^longsight|# device|rc|rror|failed" >> $OUT/shapes.txt; done; done
for c in paper-power:131072 sliding:window=1:131072; do
  p=${c%:*}; n=${c##*:}
  timeout 120 $J -Dlongsight.mma.opts=cpasync,r32,db2,owarp,stlds,dpred,clock dev.longsight.kernels.bench.Timeline "$p" $n $OUT/tl-dpred-${p//[:=]/}.csv 2>&1 | $F >> $OUT/runs.txt
done
echo done
