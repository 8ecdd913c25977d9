#!/bin/bash
# obulk: O rows leave local memory by sm_90 bulk copies (cp.async.bulk.global.shared::cta), one per row, from two
# padded buffers per warp; against the default: SASS/spills, speed (alternating, three each), exactness, clock records.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
B=cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds
mkdir -p /tmp/cl && rm -f /tmp/cl/* && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl default=$B obulk=$B,obulk 2>&1 | tail -3 > $OUT/dump.txt
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py default.cl obulk.cl 2>&1 | grep -E "==|rror|Used|spill" | grep -v LS_CLOCK) > $OUT/ptxinfo.txt
for f in default obulk; do
  tr -d "\000" < /tmp/cl/$f.cl.ptx > /tmp/cl/$f.ptx && /usr/local/cuda-13.0/bin/ptxas -arch=sm_90 /tmp/cl/$f.ptx -o /tmp/cl/$f.cubin && /usr/local/cuda-13.0/bin/cuobjdump -sass /tmp/cl/$f.cubin > /tmp/cl/$f.sass
done
python3 $G/sassloops.py /tmp/cl/default.sass /tmp/cl/obulk.sass 2>&1 | head -30 >> $OUT/ptxinfo.txt
grep -c UBLKCP /tmp/cl/obulk.sass >> $OUT/ptxinfo.txt 2>&1
set -f
A="--precision bf16 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16"
for o in $B $B,obulk $B $B,obulk $B $B,obulk; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o  [$(date +%T.%N)]" >> $OUT/runs.txt
  timeout 100 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done
D=-Dlongsight.mma.opts=$B,obulk
for d in 128 100 17; do echo "\$ bench --heads 6 --kv-heads 2 --head-dim $d --precision bf16 --lengths 8191,300 --check --check-rows 1024 $D" >> $OUT/check.txt; timeout 60 $J $D $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision bf16 --patterns full,paper-power,sliding:window=1 --lengths 8191,300 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|rror|failed" >> $OUT/check.txt; done
for args in "5000 6 2 128 1 512 1024" "129 2 1 100 1 128"; do
  echo "\$ ChunkCheck $args $D" >> $OUT/check.txt
  timeout 100 $J $D dev.longsight.kernels.bench.ChunkCheck $args 2>&1 | grep -v -e WARNING: -e NestMembers -e AttributePool -e warning >> $OUT/check.txt
done
for o in $B,obulk; do for p in paper-power full; do
  echo "== $o $p" >> $OUT/clock.txt
  timeout 60 $J -Dlongsight.mma.opts=$o,clock dev.longsight.kernels.bench.Timeline $p 131072 /tmp/tl.csv 2>&1 | grep "device ms" >> $OUT/clock.txt
  python3 $G/analyse.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
  python3 $G/nscycle.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
done; done
echo done
