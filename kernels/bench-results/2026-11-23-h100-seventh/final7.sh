#!/bin/bash
# Issue-5 measurement, seventh session: default build (adds qgl and dhalf) and the previous default in one call;
# tf32, fp32, odd shapes, 1M, chunked launches on the GPU; the peer in the same call.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
mkdir -p /tmp/cl && rm -f /tmp/cl/* && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl bf16-default=cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds bf16-previous=cpasync,db2,dfirst,owarp,r32,stlds
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py bf16-default.cl bf16-previous.cl 2>&1 | grep -E "==|rror|Used|spill" | grep -v LS_CLOCK) >> $OUT/gpu.txt
set -f
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
run() { n=$1; shift; D=; case "$1" in -D*) D=$1; shift;; esac; echo "\$ ./longsight bench $S $* $D" >> $OUT/$n.txt; timeout 200 $J $D $M $S "$@" 2>&1 | grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK -e "warning generated" >> $OUT/$n.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/$n.txt; }
P="full,paper-sliding,paper-power"
run bf16 --precision bf16 --patterns $P --lengths 32768,131072 --check --check-rows 16
run bf16-previous -Dlongsight.mma.opts=cpasync,db2,dfirst,owarp,r32,stlds --precision bf16 --patterns $P --lengths 32768,131072 --check --check-rows 16
run bf16 --precision bf16 --patterns $P --lengths 32768,131072 --check --check-rows 16
run tf32-fp32 --precision tf32 --patterns $P --lengths 32768,131072 --check --check-rows 16
run tf32-fp32 --precision fp32 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16
for d in 128 64 100 17; do for p in bf16 tf32; do echo "\$ bench --heads 6 --kv-heads 2 --head-dim $d --precision $p --lengths 8191,300 --check --check-rows 1024" >> $OUT/shapes.txt; timeout 100 $J $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision $p --patterns full,paper-power --lengths 8191,300 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|# device|rc|rror|failed" >> $OUT/shapes.txt; done; done
timeout 240 python3 $G/flex_peer.py 32768,131072 float32,bfloat16 > $OUT/peer.csv 2> /dev/null
echo "\$ ./longsight bench --precision bf16 --patterns paper-power --lengths 1048576 --head-batch 1 --e2e-repeats 1 --check --check-rows 16" >> $OUT/shapes.txt
timeout 200 $J $M $S --precision bf16 --patterns paper-power --lengths 1048576 --head-batch 1 --e2e-repeats 1 --check --check-rows 16 2>&1 | grep -E "^longsight|# |rror|failed" >> $OUT/shapes.txt
for args in "5000 6 2 128 1 512 1024" "5000 6 2 128 8 384" "4097 4 4 64 1 256 640" "3001 6 3 17 4 128 1152" "129 2 1 100 1 128"; do
  echo "\$ ChunkCheck $args" >> $OUT/chunks.txt
  timeout 200 $J dev.longsight.kernels.bench.ChunkCheck $args 2>&1 | grep -v -e WARNING: -e NestMembers -e AttributePool -e warning >> $OUT/chunks.txt
  echo "rc=${PIPESTATUS[0]}" >> $OUT/chunks.txt
done
echo done
