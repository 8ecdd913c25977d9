#!/bin/bash
# What bounds the kernel: diagnostics (WRONG results) that cut the V fragment loads to one per 32 keys (vone) or drop the exponentials (noexp); the ovl loop's SASS.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
B=/usr/local/cuda/bin
(cd $G/cl && timeout 60 python3 ../ptxinfo.py bf16-w8.cl 2>&1 | grep -E "==|rror|Used|spill") > $OUT/ptxinfo.txt
tr -d '\000' < $G/cl/bf16-w8.cl.ptx > /tmp/k.ptx
$B/ptxas -arch=sm_90a -v -o /tmp/k.cubin /tmp/k.ptx >> $OUT/ptxinfo.txt 2>&1
$B/cuobjdump -sass /tmp/k.cubin > /tmp/k.sass 2>> $OUT/ptxinfo.txt
gzip -c /tmp/k.sass > $OUT/ovl.sass.gz
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { cp=$1; o=$2; shift; shift; echo "\$ ./longsight bench $S $* (-Dlongsight.mma.opts=$o, $cp)" >> $OUT/runs.txt; timeout 150 /tmp/j/jre/bin/java -Xmx100g -cp "$cp/*" -Dlongsight.mma.opts=$o $M $S "$@" 2>&1 | $F | grep -E "^longsight|rc=|rror|xception|pattern|# device" >> $OUT/runs.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/runs.txt; }
A="--precision bf16 --patterns full;paper-power --lengths 32768,131072"
for o in cpasync,stlds cpasync,stlds,vone cpasync,stlds,noexp cpasync,stlds,vone,noexp cpasync,stlds,ovl cpasync,stlds,ovl,vone cpasync,stlds,ovl,noexp; do run $G $o $A; done
run $G cpasync,stlds --variant mma-bf16 $A
run $G cpasync,stlds,ovl --variant mma-bf16 $A
echo done
