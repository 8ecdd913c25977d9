#!/bin/bash
# Heads per work-group (TilePolicy.headsPerGroup): forced 1, 2, 4, 8 and the policy's choice; bf16 8 warps.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
timeout 90 python3 $G/ptxinfo.py $G/*.cl 2>&1 | grep -E "==|ptxas .*spill|Used|rc|error" > $OUT/ptxinfo.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0 --precision bf16"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { n=$1; shift; D=; case "$1" in -D*) D=$1; shift;; esac; echo "\$ bench $S $* ($D)" > $OUT/$n.txt; timeout 200 $J $D $M $S "$@" 2>&1 | $F >> $OUT/$n.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/$n.txt; }
for h in 1 2 4 8; do run hpg$h -Dlongsight.mma.headsPerGroup=$h --patterns full,paper-power,sliding:window=1 --lengths 32768,131072 --check --check-rows 16; done
run auto --patterns full,paper-sliding,paper-power --lengths 32768,131072
echo done
