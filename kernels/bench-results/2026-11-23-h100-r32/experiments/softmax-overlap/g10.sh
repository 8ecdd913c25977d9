#!/bin/bash
# Softmax overlap (ovl: two stages of 32-key tiles, next tile's Q K^T issued before the softmax), lazy rescale (lazy), warp skip of masked tiles (wskip).
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
(cd $G/cl && timeout 120 python3 ../ptxinfo.py *.cl 2>&1 | grep -E "==|ptxas|rror|Used|spill" ) > $OUT/ptxinfo.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
run() { o=$1; shift; echo "\$ ./longsight bench $S $* (-Dlongsight.mma.opts=$o)" >> $OUT/runs.txt; timeout 150 $J -Dlongsight.mma.opts=$o $M $S "$@" 2>&1 | $F | grep -E "^longsight|rc=|rror|xception|pattern|# device" >> $OUT/runs.txt; echo "rc=${PIPESTATUS[0]}" >> $OUT/runs.txt; }
for o in cpasync,stlds cpasync,stlds,lazy cpasync,stlds,lazy,wskip cpasync,stlds,ovl cpasync,stlds,ovl,lazy cpasync,stlds,ovl,lazy,wskip; do
  run $o --precision bf16 --patterns "full;paper-power;sliding:window=1;sliding:window=7" --lengths 32768,131072 --check --check-rows 16
done
echo done
