#!/bin/bash
# r32: 32 query rows per warp (two m-tiles share every K and V fragment loaded from local memory), FlashAttention-2's shape.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
(cd $G/cl && timeout 120 python3 ../ptxinfo.py *.cl 2>&1 | grep -E "==|rror|Used|spill") > $OUT/ptxinfo.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { cp=$1; o=$2; shift; shift; echo "\$ ./longsight bench $S $* (-Dlongsight.mma.opts=$o, $cp)" >> $OUT/runs.txt; timeout 150 /tmp/j/jre/bin/java -Xmx100g -cp "$cp/*" -Dlongsight.mma.opts=$o $M $S "$@" 2>&1 | $F | grep -E "^longsight|rc=|rror|xception|pattern|# device" >> $OUT/runs.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/runs.txt; }
A="--precision bf16 --patterns full;paper-power --lengths 32768,131072 --check --check-rows 16"
run $G cpasync,stlds $A
run $G cpasync,stlds,r32 $A
run $G cpasync,stlds,r32 --variant mma-bf16 $A
run $G cpasync,stlds,ovl --variant mma-bf16 $A
run $G cpasync,stlds,r32,vone $A
for d in 64 100; do echo "\$ bench --heads 6 --kv-heads 2 --head-dim $d r32" >> $OUT/runs.txt; timeout 100 /tmp/j/jre/bin/java -Xmx100g -cp "$G/*" -Dlongsight.mma.opts=cpasync,stlds,r32 $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision bf16 --patterns full,paper-power --lengths 8191 --warmup 1 --repeats 3 --e2e-repeats 0 --check 2>&1 | $F | grep -E "^longsight|rc|rror" >> $OUT/runs.txt; done
echo done
