#!/bin/bash
# Tenth session, issue 5: tmix (the last 64 query tiles of every head last, heads interleaved) with and without ost2,
# against the default and ost2 alone: spills, speed (3 runs each, alternating), exactness of the tmix builds.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK -e warning"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
N=cpasync,db2,dfirst,dhalf,h64,owarp,qgl,r32,stlds
O=cpasync,db2,dfirst,dhalf,h64,qgl,r32,ost2
mkdir -p /tmp/cl && rm -f /tmp/cl/* && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl default=$N ost2=$O tmix=$N,tmix ost2tmix=$O,tmix 2>&1 | tail -3 > $OUT/ptxinfo.txt
set +f
(cd /tmp/cl && timeout 300 python3 $OLDPWD/$G/ptxinfo.py default.cl ost2.cl tmix.cl ost2tmix.cl 2>&1 | grep -E "==|rror|Used|spill" | grep -v LS_CLOCK) >> $OUT/ptxinfo.txt
for f in default ost2 tmix ost2tmix; do
  tr -d "\000" < /tmp/cl/$f.cl.ptx > /tmp/cl/$f.ptx && /usr/local/cuda-13.0/bin/ptxas -arch=sm_90 /tmp/cl/$f.ptx -o /tmp/cl/$f.cubin && /usr/local/cuda-13.0/bin/cuobjdump -sass /tmp/cl/$f.cubin > /tmp/cl/$f.sass
done
python3 $G/sassloops.py /tmp/cl/default.sass /tmp/cl/ost2.sass /tmp/cl/tmix.sass /tmp/cl/ost2tmix.sass 2>&1 | head -40 >> $OUT/ptxinfo.txt
set -f
A="--precision bf16 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16"
for r in 1 2 3; do for o in $N $O $N,tmix $O,tmix; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o  [$(date +%T.%N)]" >> $OUT/runs.txt
  timeout 100 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception" >> $OUT/runs.txt
done; done
for D in -Dlongsight.mma.opts=$N,tmix -Dlongsight.mma.opts=$O,tmix; do
for d in 128 17; do echo "\$ bench --heads 6 --kv-heads 2 --head-dim $d --precision bf16 --lengths 8191,300 --check --check-rows 1024 $D" >> $OUT/check.txt; timeout 60 $J $D $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision bf16 --patterns full,paper-power,sliding:window=1 --lengths 8191,300 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|rror|failed" >> $OUT/check.txt; done
echo "\$ bench --block 256 --heads 6 --kv-heads 2 --precision bf16 --lengths 8191,1000 --check --check-rows 1024 $D" >> $OUT/check.txt
timeout 60 $J $D $M --device gpu --heads 6 --kv-heads 2 --head-dim 128 --block 256 --precision bf16 --patterns full,paper-power,sliding:window=1 --lengths 8191,1000 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|rror|failed" >> $OUT/check.txt
for args in "5000 6 2 128 1 512 1024" "300 3 1 128 30 128"; do
  echo "\$ ChunkCheck $args $D" >> $OUT/check.txt
  timeout 100 $J $D dev.longsight.kernels.bench.ChunkCheck $args 2>&1 | grep -v -e WARNING: -e NestMembers -e AttributePool -e warning >> $OUT/check.txt
done; done
echo done
