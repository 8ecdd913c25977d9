#!/bin/bash
# r32: are the groups of a sparse pattern in lockstep? skew/skewl delay the first wave's second slot by 8/20 us.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { cp=$1; o=$2; shift; shift; echo "\$ ./longsight bench $S $* (-Dlongsight.mma.opts=$o, $cp)" >> $OUT/runs.txt; timeout 150 /tmp/j/jre/bin/java -Xmx100g -cp "$cp/*" -Dlongsight.mma.opts=$o $M $S "$@" 2>&1 | $F | grep -E "^longsight|rc=|rror|xception|pattern|# device" >> $OUT/runs.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/runs.txt; }
A="--precision bf16 --patterns full;paper-power;paper-sliding;sliding:window=1;sliding:window=7;sliding:window=31 --lengths 131072 --check --check-rows 16"
for o in r32 r32,skew r32,skewl; do run $G cpasync,stlds,$o $A; done
echo done
