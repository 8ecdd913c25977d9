#!/bin/bash
# The rest of final4.sh (its call returned 8 files at most): tf32 and the odd shapes, same build.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { n=$1; shift; D=; case "$1" in -D*) D=$1; shift;; esac; echo "\$ ./longsight bench $S $* $D" > $OUT/$n.txt; timeout 200 $J $D $M $S "$@" 2>&1 | $F >> $OUT/$n.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/$n.txt; }
run tf32 --precision tf32 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16
# odd shapes on the GPU: GQA 3:1 with head dims 64, 100 and 17 (dPad 64 literal, 128 literal with padding, 32 generic; 17 takes the scalar O path)
for d in 64 100 17; do for p in bf16 tf32; do echo "\$ bench --heads 6 --kv-heads 2 --head-dim $d --precision $p" >> $OUT/shapes.txt; timeout 100 $J $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision $p --patterns full,paper-power --lengths 8191 --warmup 1 --repeats 3 --e2e-repeats 0 --check 2>&1 | $F | grep -E "^longsight|# device|rc|rror" >> $OUT/shapes.txt; done; done
echo done
