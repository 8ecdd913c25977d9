#!/bin/bash
# How O is written: per-fragment 4-byte stores (old default), 8-byte stores (st2), rows of 16-byte stores through local memory (stlds); the peer in the same call.
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
P="full,paper-sliding,paper-power"
run bf16-stlds -Dlongsight.mma.opts=cpasync,stlds --precision bf16 --patterns "$P;sliding:window=1;sliding:window=7;sliding:window=31" --lengths 32768,131072 --check --check-rows 16
run bf16-st2 -Dlongsight.mma.opts=cpasync,st2 --precision bf16 --patterns $P --lengths 32768,131072 --check --check-rows 16
run bf16-fragment-stores -Dlongsight.mma.opts=cpasync --precision bf16 --patterns $P --lengths 32768,131072
run bf16-w4-stlds -Dlongsight.mma.opts=cpasync,stlds --precision bf16 --variant mma-bf16 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16
run tf32-stlds -Dlongsight.mma.opts=cpasync,stlds --precision tf32 --patterns $P --lengths 32768,131072 --check --check-rows 16
timeout 240 python3 $G/flex_peer.py 32768,131072 float32,bfloat16 > $OUT/peer.csv 2> /dev/null
echo done
