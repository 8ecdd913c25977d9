#!/bin/bash
# Tenth session, issue 5: the new default (tmix) against the ninth session's, three runs each; the peer in the same call;
# exactness of the new default on odd shapes, block sizes, chunks, 1M; clock records of the new default.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK -e warning"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
P=cpasync,db2,dfirst,dhalf,h64,owarp,qgl,r32,stlds
N=$P,tmix
mkdir -p /tmp/cl && rm -f /tmp/cl/* && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl default=$N previous=$P 2>&1 | tail -3 > $OUT/ptxinfo.txt
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py default.cl previous.cl 2>&1 | grep -E "==|rror|Used|spill" | grep -v LS_CLOCK) >> $OUT/ptxinfo.txt
for f in default previous; do
  tr -d "\000" < /tmp/cl/$f.cl.ptx > /tmp/cl/$f.ptx && /usr/local/cuda-13.0/bin/ptxas -arch=sm_90 /tmp/cl/$f.ptx -o /tmp/cl/$f.cubin && /usr/local/cuda-13.0/bin/cuobjdump -sass /tmp/cl/$f.cubin > /tmp/cl/$f.sass
done
python3 $G/sassloops.py /tmp/cl/default.sass /tmp/cl/previous.sass 2>&1 | head -30 >> $OUT/ptxinfo.txt
set -f
A="--precision bf16 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16"
for r in 1 2 3; do
  echo "\$ ./longsight bench $S $A  [$(date +%T.%N)]" >> $OUT/runs.txt
  timeout 100 $J $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception" >> $OUT/runs.txt
  echo "\$ ./longsight bench $S $A -Dlongsight.mma.opts=$P  [$(date +%T.%N)]" >> $OUT/runs.txt
  timeout 100 $J -Dlongsight.mma.opts=$P $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception" >> $OUT/runs.txt
done
timeout 200 python3 $G/flex_peer.py 32768,131072 bfloat16 > $OUT/peer.csv 2> $OUT/peer.err
for d in 128 64 100 17; do echo "\$ ./longsight bench --heads 6 --kv-heads 2 --head-dim $d --precision bf16 --lengths 8191,300 --check --check-rows 1024" >> $OUT/check.txt; timeout 60 $J $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision bf16 --patterns full,paper-power,sliding:window=1 --lengths 8191,300 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|rror|failed" >> $OUT/check.txt; done
for b in 64 192 256; do echo "\$ ./longsight bench --block $b --heads 6 --kv-heads 2 --precision bf16 --lengths 8191,1000,130 --check --check-rows 1024" >> $OUT/check.txt
timeout 60 $J $M --device gpu --heads 6 --kv-heads 2 --head-dim 128 --block $b --precision bf16 --patterns full,paper-power,sliding:window=1 --lengths 8191,1000,130 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|rror|failed" >> $OUT/check.txt; done
echo "\$ ./longsight bench --precision bf16 --patterns paper-power --lengths 1048576 --head-batch 1 --e2e-repeats 1 --check --check-rows 16" >> $OUT/check.txt
timeout 200 $J $M $S --precision bf16 --patterns paper-power --lengths 1048576 --head-batch 1 --e2e-repeats 1 --check --check-rows 16 2>&1 | grep -E "^longsight|# |rror|failed" >> $OUT/check.txt
for args in "5000 6 2 128 1 512 1024" "5000 6 2 128 8 384" "4097 4 4 64 1 256 640" "3001 6 3 17 4 128 1152" "129 2 1 100 1 128" "300 3 1 128 30 128"; do
  echo "\$ ChunkCheck $args" >> $OUT/check.txt
  timeout 100 $J dev.longsight.kernels.bench.ChunkCheck $args 2>&1 | grep -v -e WARNING: -e NestMembers -e AttributePool -e warning >> $OUT/check.txt
done
for p in paper-power full; do
  echo "== $N $p" >> $OUT/clock.txt
  timeout 60 $J -Dlongsight.mma.opts=$N,clock dev.longsight.kernels.bench.Timeline $p 131072 /tmp/tl.csv 2>&1 | grep "device ms" | cut -c1-60 >> $OUT/clock.txt
  python3 $G/analyse.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
  python3 $G/nscycle.py /tmp/tl.csv >> $OUT/clock.txt 2>&1
done
echo done
