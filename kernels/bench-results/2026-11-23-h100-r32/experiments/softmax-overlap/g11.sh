#!/bin/bash
# The last commit's build against the new kernel text's options: ovl, lazy, vskip (branches off the O rescale on a warp vote).
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
(cd $G/cl && timeout 120 python3 ../ptxinfo.py *.cl 2>&1 | grep -E "==|rror|Used|spill" ) > $OUT/ptxinfo.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { cp=$1; o=$2; shift; shift; echo "\$ ./longsight bench $S $* (-Dlongsight.mma.opts=$o, $cp)" >> $OUT/runs.txt; timeout 150 /tmp/j/jre/bin/java -Xmx100g -cp "$cp/*" -Dlongsight.mma.opts=$o $M $S "$@" 2>&1 | $F | grep -E "^longsight|rc=|rror|xception|pattern|# device" >> $OUT/runs.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/runs.txt; }
A="--precision bf16 --patterns full;paper-power --lengths 32768,131072 --check --check-rows 16"
run $G/old cpasync,stlds $A
for o in cpasync,stlds cpasync,stlds,ovl cpasync,stlds,ovl,lazy,vskip cpasync,stlds,ovl,vskip cpasync,stlds,lazy,vskip; do run $G $o $A; done
run $G/old cpasync,stlds $A
echo done
