#!/bin/bash
# Issue-5 measurement with device time (OpenCL profiling events) beside launch wall time; the peer in the same call.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { n=$1; shift; D=; case "$1" in -D*) D=$1; shift;; esac; echo "\$ ./longsight bench $S $* ($D)" > $OUT/$n.txt; timeout 200 $J $D $M $S "$@" 2>&1 | $F >> $OUT/$n.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/$n.txt; }
run bf16 --precision bf16 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16
run bf16-w4 --precision bf16 --variant mma-bf16 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16
run bf16-windows --precision bf16 --patterns sliding:window=1,sliding:window=7,sliding:window=31 --lengths 131072
run tf32 --precision tf32 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16
run fp32 --precision fp32 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16
run bf16-nocopy-diagnostic -Dlongsight.mma.opts=cpasync,nocopy --precision bf16 --patterns full,paper-power --lengths 32768,131072
timeout 240 python3 $G/flex_peer.py 32768,131072 float32,bfloat16 > $OUT/peer.csv 2> $OUT/peer.err
run bf16-1m --precision bf16 --patterns paper-power --lengths 1048576 --head-batch 1 --e2e-repeats 1 --check --check-rows 16
echo done
