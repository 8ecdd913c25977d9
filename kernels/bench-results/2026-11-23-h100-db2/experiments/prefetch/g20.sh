#!/bin/bash
# Is power's extra cost per block the K/V copies' latency (scattered blocks miss L2)? nocopy and a contiguous
# window of the same size, with clock records; bpf (bulk L2 prefetch of the next block).
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
mkdir -p /tmp/cl && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl base=cpasync,stlds,r32 owarp=cpasync,r32,owarp l2pf=cpasync,stlds,r32,l2pf bpf=cpasync,stlds,r32,bpf
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py base.cl owarp.cl l2pf.cl bpf.cl 2>&1 | grep -E "==|rror|Used|spill") > $OUT/ptxinfo.txt
set -f
A="--precision bf16 --patterns full;paper-power;sliding:window=1;sliding:window=7;sliding:window=11 --lengths 131072 --check --check-rows 16"
for o in cpasync,stlds,r32 cpasync,stlds,r32,bpf cpasync,stlds,r32,nocopy; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o" >> $OUT/runs.txt
  timeout 150 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done
for o in cpasync,stlds,r32 cpasync,stlds,r32,nocopy cpasync,stlds,r32,bpf; do
  for c in paper-power:131072 sliding:window=11:131072; do
    p=${c%:*}; n=${c##*:}
    timeout 120 $J -Dlongsight.mma.opts=$o,clock dev.longsight.kernels.bench.Timeline "$p" $n $OUT/tl-${o//,/}-${p//[:=]/}.csv 2>&1 | $F >> $OUT/runs.txt
  done
done
echo done
