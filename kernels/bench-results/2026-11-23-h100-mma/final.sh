#!/bin/bash
# Final issue-5 measurement: LongSight bench (fp32 / tf32 / bf16) and the FlexAttention/SDPA peer in one device call.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
timeout 60 python3 $G/ptxinfo.py $G/*.cl 2>&1 | grep -E "==|ptxas .*spill|Used|rc" > $OUT/ptxinfo.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { n=$1; shift; D=; case "$1" in -D*) D=$1; shift;; esac; echo "\$ ./longsight bench $S $* ($D)" > $OUT/$n.txt; timeout 200 $J $D $M $S "$@" 2>&1 | $F >> $OUT/$n.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/$n.txt; }
run bf16 --precision bf16 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16
run bf16-w4 --precision bf16 --variant mma-bf16 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16
run tf32 --precision tf32 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16
run fp32 --precision fp32 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16
run bf16-nocopy-diagnostic -Dlongsight.mma.opts=cpasync,nocopy --precision bf16 --patterns full,paper-power --lengths 32768,131072
echo "\$ bench --heads 6 --kv-heads 2 --head-dim 64 (GQA, d64)" > $OUT/gqa.txt
for p in bf16 tf32; do timeout 100 $J $M --device gpu --heads 6 --kv-heads 2 --head-dim 64 --block 128 --precision $p --patterns full,paper-power --lengths 8191 --warmup 1 --repeats 3 --e2e-repeats 1 --check 2>&1 | $F >> $OUT/gqa.txt; done
timeout 240 python3 $G/flex_peer.py 32768,131072 float32,bfloat16 > $OUT/peer.csv 2> $OUT/peer.err
echo done
