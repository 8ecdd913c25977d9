#!/bin/bash
# l2pf, bulk form: at each block's second key tile, cp.async.bulk.prefetch.L2 of the next block's K rows (one) and V^T rows (one per row); on the default and on
# qgl,qpf,dskip. SASS, speed, exactness.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/gpu.txt
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
B=cpasync,db2,dfirst,owarp,r32,stlds
mkdir -p /tmp/cl && rm -f /tmp/cl/* && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl default=$B l2pf=$B,l2pf peel=$B,qgl,qpf,dskip peell2=$B,qgl,qpf,dskip,l2pf
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py default.cl l2pf.cl peel.cl peell2.cl 2>&1 | grep -E "==|rror|Used|spill" | grep -v LS_CLOCK) > $OUT/ptxinfo.txt
for f in default l2pf peel peell2; do
  tr -d "\000" < /tmp/cl/$f.cl.ptx > /tmp/cl/$f.ptx && /usr/local/cuda-13.0/bin/ptxas -arch=sm_90 /tmp/cl/$f.ptx -o /tmp/cl/$f.cubin && /usr/local/cuda-13.0/bin/cuobjdump -sass /tmp/cl/$f.cubin > /tmp/cl/$f.sass
done
python3 $G/sassloops.py /tmp/cl/default.sass /tmp/cl/l2pf.sass /tmp/cl/peel.sass /tmp/cl/peell2.sass 2>&1 | head -40 >> $OUT/ptxinfo.txt
set -f
A="--precision bf16 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16"
for o in $B $B,l2pf $B,qgl,qpf,dskip $B,qgl,qpf,dskip,l2pf $B $B,l2pf; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o  [$(date +%T.%N)]" >> $OUT/runs.txt
  timeout 200 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done
D=-Dlongsight.mma.opts=$B,l2pf
for d in 128 17; do echo "\$ bench --heads 6 --kv-heads 2 --head-dim $d --precision bf16 --lengths 8191,300 --check --check-rows 1024 $D" >> $OUT/check.txt; timeout 100 $J $D $M --device gpu --heads 6 --kv-heads 2 --head-dim $d --block 128 --precision bf16 --patterns full,paper-power,sliding:window=1 --lengths 8191,300 --warmup 1 --repeats 3 --e2e-repeats 0 --check --check-rows 1024 2>&1 | grep -E "^longsight|rror|failed" >> $OUT/check.txt; done
echo done
