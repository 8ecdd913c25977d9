#!/bin/bash
# Persistent mma kernel: registers, then bf16 full / sliding / power at 32K and 128K (with --check), the fixed-cost fit set, 4 warps.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
timeout 90 python3 $G/ptxinfo.py $G/*.cl 2>&1 | grep -E "==|ptxas .*spill|Used|rc|error" > $OUT/ptxinfo.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { n=$1; shift; D=; case "$1" in -D*) D=$1; shift;; esac; echo "\$ bench $S $* ($D)" > $OUT/$n.txt; timeout 200 $J $D $M $S "$@" 2>&1 | $F >> $OUT/$n.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/$n.txt; }
run bf16 --precision bf16 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16
run bf16-fit --precision bf16 --patterns sliding:window=1,sliding:window=7,sliding:window=31 --lengths 131072
run bf16-w4 --precision bf16 --variant mma-bf16 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16
run tf32 --precision tf32 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16
echo done
