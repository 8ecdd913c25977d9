#!/bin/bash
# h64 (branch-free step) against h64 with ocs (O stored evict-first), kvl (K/V copies evict-last), both; checks; clock of h64.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
H=cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds,h64
mkdir -p /tmp/cl && rm -f /tmp/cl/* && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl h64=$H ocs=$H,ocs kvl=$H,kvl 2>&1 | tail -3 > $OUT/dump.txt
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py h64.cl ocs.cl kvl.cl 2>&1 | grep -E "==|rror|Used|spill" | grep -v LS_CLOCK) > $OUT/ptxinfo.txt
for f in h64 ocs kvl; do
  tr -d "\000" < /tmp/cl/$f.cl.ptx > /tmp/cl/$f.ptx && /usr/local/cuda-13.0/bin/ptxas -arch=sm_90 /tmp/cl/$f.ptx -o /tmp/cl/$f.cubin && /usr/local/cuda-13.0/bin/cuobjdump -sass /tmp/cl/$f.cubin > /tmp/cl/$f.sass
done
python3 $G/sassloops.py /tmp/cl/h64.sass /tmp/cl/ocs.sass /tmp/cl/kvl.sass 2>&1 | head -30 >> $OUT/ptxinfo.txt
set -f
for r in 1 2; do for o in $H $H,ocs $H,kvl $H,ocs,kvl; do
  echo "\$ bench $S --precision bf16 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16 -Dlongsight.mma.opts=$o  [$(date +%T.%N)]" >> $OUT/runs.txt
  timeout 100 $J -Dlongsight.mma.opts=$o $M $S --precision bf16 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16 2>&1 | $F | grep -E "^longsight|rror|xception" >> $OUT/runs.txt
done; done
D=-Dlongsight.mma.opts=$H
for d in 128 100; do echo "\$ bench --heads 6 --kv-heads 2 --head-dim $d --precision bf16 --lengths 8191,300 --check --check-rows 1024 $D" >> $OUT/check.txt; timeout 60 $J $D $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision bf16 --patterns full,paper-power,sliding:window=1 --lengths 8191,300 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|rror|failed" >> $OUT/check.txt; done
echo "\$ bench --block 256 --heads 6 --kv-heads 2 --precision bf16 --lengths 8191,1000 --check --check-rows 1024 $D" >> $OUT/check.txt
timeout 60 $J $D $M --device gpu --heads 6 --kv-heads 2 --head-dim 128 --block 256 --precision bf16 --patterns full,paper-power --lengths 8191,1000 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|rror|failed" >> $OUT/check.txt
for b in 64 192; do echo "\$ bench --block $b --heads 6 --kv-heads 2 --precision bf16 --lengths 1000,130 --check --check-rows 1024 $D" >> $OUT/check.txt
timeout 60 $J $D $M --device gpu --heads 6 --kv-heads 2 --head-dim 128 --block $b --precision bf16 --patterns full,paper-power,sliding:window=1 --lengths 1000,130 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|rror|failed" >> $OUT/check.txt; done
for args in "5000 6 2 128 1 512 1024" "129 2 1 100 1 128" "300 3 1 128 30 128"; do
  echo "\$ ChunkCheck $args $D" >> $OUT/check.txt
  timeout 100 $J $D dev.longsight.kernels.bench.ChunkCheck $args 2>&1 | grep -v -e WARNING: -e NestMembers -e AttributePool -e warning >> $OUT/check.txt
done
for o in cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds $H; do for p in paper-power full; do
  echo "== $o $p" >> $OUT/clock.txt
  timeout 60 $J -Dlongsight.mma.opts=$o,clock dev.longsight.kernels.bench.Timeline $p 131072 /tmp/tl.csv 2>&1 | grep "device ms" | cut -c1-60 >> $OUT/clock.txt
  python3 $G/analyse.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
  python3 $G/nscycle.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
done; done
echo done
