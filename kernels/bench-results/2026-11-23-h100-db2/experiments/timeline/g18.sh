#!/bin/bash
# Where a group's time goes: per-group %clock64 / %globaltimer records ("clock" diagnostic, WRONG LSE).
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
echo "\$ bench $S paper-power,full 128K" >> $OUT/runs.txt
timeout 150 $J $M $S --precision bf16 --patterns "full;paper-power;sliding:window=1" --lengths 131072 2>&1 | $F | grep -E "^longsight|rror|xception|# " >> $OUT/runs.txt
for c in paper-power:131072 sliding:window=1:131072 full:32768 full:131072; do
  p=${c%:*}; n=${c##*:}
  timeout 120 $J -Dlongsight.mma.opts=cpasync,stlds,r32,clock dev.longsight.kernels.bench.Timeline "$p" $n $OUT/tl-${p//[:=]/}-$n.csv 2>&1 | $F >> $OUT/runs.txt
done
echo done
