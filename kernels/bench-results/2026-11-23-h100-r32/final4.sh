#!/bin/bash
# Issue-5 measurement, default build (bf16 warps of 32 rows, "r32"): device time, the peer in the same call.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
(cd $G/cl && timeout 120 python3 ../ptxinfo.py *.cl 2>&1 | grep -E "==|rror|Used|spill") > $OUT/ptxinfo.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { n=$1; shift; D=; case "$1" in -D*) D=$1; shift;; esac; echo "\$ ./longsight bench $S $* $D" > $OUT/$n.txt; timeout 200 $J $D $M $S "$@" 2>&1 | $F >> $OUT/$n.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/$n.txt; }
run bf16 --precision bf16 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16
run bf16-16-row-warps -Dlongsight.mma.opts=cpasync,stlds --precision bf16 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16
run bf16-w4 --precision bf16 --variant mma-bf16 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16
run tf32 --precision tf32 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16
run fp32 --precision fp32 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16
# odd shapes on the GPU: GQA 3:1 with head dims 64, 100 and 17 (dPad 64 literal, 128 literal with padding, 32 generic; 17 takes the scalar O path)
for d in 64 100 17; do for p in bf16 tf32; do echo "\$ bench --heads 6 --kv-heads 2 --head-dim $d --precision $p" >> $OUT/shapes.txt; timeout 100 $J $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision $p --patterns full,paper-power --lengths 8191 --warmup 1 --repeats 3 --e2e-repeats 0 --check 2>&1 | $F | grep -E "^longsight|# device|rc|rror" >> $OUT/shapes.txt; done; done
timeout 240 python3 $G/flex_peer.py 32768,131072 float32,bfloat16 > $OUT/peer.csv 2> /dev/null
run bf16-1m --precision bf16 --patterns paper-power --lengths 1048576 --head-batch 1 --e2e-repeats 1 --check --check-rows 16
echo done
