#!/bin/bash
# Diagnostic: is power's per-block cost bound by K/V copies missing L2? The default build at 128K with 8, 2 and 1
# KV heads (the same kernel and layouts; with fewer KV heads the query heads share K/V, which then stays in L2 more).
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
for r in 1 2; do for kv in 8 2 1; do
  S="--device gpu --heads 8 --kv-heads $kv --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0 --precision bf16 --patterns full,paper-sliding,paper-power --lengths 131072"
  echo "\$ bench $S  [$(date +%T.%N)]" >> $OUT/runs.txt
  timeout 200 $J $M $S 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done; done
echo done
