#!/bin/bash
# The final source (dhalf's ADVANCE change guarded): tf32, bf16 default twice, the previous bf16 default; ptxas.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
mkdir -p /tmp/cl && rm -f /tmp/cl/* && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl bf16-default=cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py bf16-default.cl 2>&1 | grep -E "==|rror|Used|spill" | grep -v LS_CLOCK) >> $OUT/gpu.txt
set -f
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
run() { n=$1; shift; D=; case "$1" in -D*) D=$1; shift;; esac; echo "\$ ./longsight bench $S $* $D" >> $OUT/$n.txt; timeout 200 $J $D $M $S "$@" 2>&1 | grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK -e "warning generated" >> $OUT/$n.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/$n.txt; }
P="full,paper-sliding,paper-power"
run tf32 --precision tf32 --patterns $P --lengths 32768,131072 --check --check-rows 16
run bf16 --precision bf16 --patterns $P --lengths 32768,131072 --check --check-rows 16
run bf16 -Dlongsight.mma.opts=cpasync,db2,dfirst,owarp,r32,stlds --precision bf16 --patterns $P --lengths 32768,131072 --check --check-rows 16
run bf16 --precision bf16 --patterns $P --lengths 32768,131072 --check --check-rows 16
echo done
