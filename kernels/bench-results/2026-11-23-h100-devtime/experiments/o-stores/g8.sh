#!/bin/bash
# O stores: default vs st2 (8-byte stores) vs the nostore diagnostic (no O/LSE writes) vs nocopy+nostore; bf16 8 warps, device time.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0 --precision bf16"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { n=$1; shift; D=; case "$1" in -D*) D=$1; shift;; esac; echo "\$ bench $S $* ($D)" > $OUT/$n.txt; timeout 200 $J $D $M $S "$@" 2>&1 | $F >> $OUT/$n.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/$n.txt; }
P="full,paper-power,sliding:window=1;sliding:window=31"
run default -Dlongsight.mma.opts=cpasync --patterns "$P" --lengths 32768,131072
run st2 -Dlongsight.mma.opts=cpasync,st2 --patterns "$P" --lengths 32768,131072 --check --check-rows 16
run nostore -Dlongsight.mma.opts=cpasync,nostore --patterns "$P" --lengths 32768,131072
run nocopy-nostore -Dlongsight.mma.opts=cpasync,nocopy,nostore --patterns "$P" --lengths 32768,131072
echo done
