#!/bin/bash
# Fixed cost per work-group: sliding windows of 2..32 blocks at 128K (time = waves x (fixed + tiles x per-tile)).
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0 --precision bf16 --lengths 131072"
P="sliding:window=1,sliding:window=3,sliding:window=7,sliding:window=15,sliding:window=31,paper-power"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { n=$1; shift; D=; case "$1" in -D*) D=$1; shift;; esac; echo "\$ bench $S $* ($D)" > $OUT/$n.txt; timeout 150 $J $D $M $S "$@" 2>&1 | $F >> $OUT/$n.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/$n.txt; }
run w8 --patterns $P
run w8-nocopy -Dlongsight.mma.opts=cpasync,nocopy --patterns $P
run w4 --variant mma-bf16 --patterns $P
echo done
