#!/bin/bash
# tf32 with the final defaults (dfirst off for tf32): the bench table and the odd shapes.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
echo "\$ ./longsight bench $S --precision tf32 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16" >> $OUT/tf32.txt
timeout 200 $J $M $S --precision tf32 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16 2>&1 | grep -E "^longsight|^# |rror|failed" >> $OUT/tf32.txt
for d in 128 64 100 17; do echo "\$ bench --heads 6 --kv-heads 2 --head-dim $d --precision tf32 --lengths 8191,300 --check --check-rows 1024" >> $OUT/tf32.txt; timeout 100 $J $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision tf32 --patterns full,paper-power --lengths 8191,300 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|# device|rc|rror|failed" >> $OUT/tf32.txt; done
echo done
