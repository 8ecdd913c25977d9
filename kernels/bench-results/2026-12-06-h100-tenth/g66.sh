#!/bin/bash
# Tenth session, issue 5: ost2 (O straight from the fragments as 8-byte stores, no local memory) against the default:
# spills, speed (3 runs each, alternating), exactness, clock records; power 128K alone after 8 s idle (the clock's history).
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
nvidia-smi --query-gpu=timestamp,clocks.current.sm,temperature.gpu,power.draw,clocks_event_reasons.active --format=csv -lms 50 > $OUT/smi.csv &
SMI=$!
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK -e warning"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
N=cpasync,db2,dfirst,dhalf,h64,owarp,qgl,r32,stlds
O=cpasync,db2,dfirst,dhalf,h64,qgl,r32,ost2
mkdir -p /tmp/cl && rm -f /tmp/cl/* && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl default=$N ost2=$O 2>&1 | tail -3 > $OUT/ptxinfo.txt
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py default.cl ost2.cl 2>&1 | grep -E "==|rror|Used|spill" | grep -v LS_CLOCK) >> $OUT/ptxinfo.txt
for f in default ost2; do
  tr -d "\000" < /tmp/cl/$f.cl.ptx > /tmp/cl/$f.ptx && /usr/local/cuda-13.0/bin/ptxas -arch=sm_90 /tmp/cl/$f.ptx -o /tmp/cl/$f.cubin && /usr/local/cuda-13.0/bin/cuobjdump -sass /tmp/cl/$f.cubin > /tmp/cl/$f.sass
done
python3 $G/sassloops.py /tmp/cl/default.sass /tmp/cl/ost2.sass 2>&1 | head -30 >> $OUT/ptxinfo.txt
set -f
A="--precision bf16 --patterns full,paper-power --lengths 32768,131072 --check --check-rows 16"
for r in 1 2 3; do for o in $N $O; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o  [$(date +%T.%N)]" >> $OUT/runs.txt
  timeout 100 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception" >> $OUT/runs.txt
done; done
for o in $N $O $N; do
  sleep 8
  echo "\$ (after 8 s idle) bench $S --precision bf16 --patterns paper-power --lengths 131072 -Dlongsight.mma.opts=$o  [$(date +%T.%N)]" >> $OUT/runs.txt
  timeout 100 $J -Dlongsight.mma.opts=$o $M $S --precision bf16 --patterns paper-power --lengths 131072 2>&1 | $F | grep -E "^longsight|rror|xception" >> $OUT/runs.txt
done
D=-Dlongsight.mma.opts=$O
for d in 128 100 17; do echo "\$ bench --heads 6 --kv-heads 2 --head-dim $d --precision bf16 --lengths 8191,300 --check --check-rows 1024 $D" >> $OUT/check.txt; timeout 60 $J $D $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision bf16 --patterns full,paper-power,sliding:window=1 --lengths 8191,300 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|rror|failed" >> $OUT/check.txt; done
for b in 64 256; do echo "\$ bench --block $b --heads 6 --kv-heads 2 --precision bf16 --lengths 8191,1000,130 --check --check-rows 1024 $D" >> $OUT/check.txt
timeout 60 $J $D $M --device gpu --heads 6 --kv-heads 2 --head-dim 128 --block $b --precision bf16 --patterns full,paper-power,sliding:window=1 --lengths 8191,1000,130 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|rror|failed" >> $OUT/check.txt; done
for args in "5000 6 2 128 1 512 1024" "129 2 1 100 1 128" "300 3 1 128 30 128"; do
  echo "\$ ChunkCheck $args $D" >> $OUT/check.txt
  timeout 100 $J $D dev.longsight.kernels.bench.ChunkCheck $args 2>&1 | grep -v -e WARNING: -e NestMembers -e AttributePool -e warning >> $OUT/check.txt
done
for o in $N $O; do for p in paper-power full; do
  echo "== $o $p" >> $OUT/clock.txt
  timeout 60 $J -Dlongsight.mma.opts=$o,clock dev.longsight.kernels.bench.Timeline $p 131072 /tmp/tl.csv 2>&1 | grep "device ms" | cut -c1-60 >> $OUT/clock.txt
  python3 $G/analyse.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
  python3 $G/nscycle.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
done; done
kill $SMI
echo done
