#!/bin/bash
# Tenth session, issue 5: tmix with 32, 64 and 128 light query tiles per head against the default, 3 runs each.
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
mkdir -p /tmp/cl && rm -f /tmp/cl/* && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl default=$N tmix=$N,tmix tmix32=$N,tmix32 tmix128=$N,tmix128 2>&1 | tail -3 > $OUT/ptxinfo.txt
set +f
(cd /tmp/cl && timeout 300 python3 $OLDPWD/$G/ptxinfo.py default.cl tmix.cl tmix32.cl tmix128.cl 2>&1 | grep -E "==|rror|Used|spill" | grep -v LS_CLOCK) >> $OUT/ptxinfo.txt
for f in default tmix tmix32 tmix128; do
  tr -d "\000" < /tmp/cl/$f.cl.ptx > /tmp/cl/$f.ptx && /usr/local/cuda-13.0/bin/ptxas -arch=sm_90 /tmp/cl/$f.ptx -o /tmp/cl/$f.cubin && /usr/local/cuda-13.0/bin/cuobjdump -sass /tmp/cl/$f.cubin > /tmp/cl/$f.sass
done
python3 $G/sassloops.py /tmp/cl/default.sass /tmp/cl/tmix.sass /tmp/cl/tmix32.sass /tmp/cl/tmix128.sass 2>&1 | head -40 >> $OUT/ptxinfo.txt
set -f
A="--precision bf16 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16"
for r in 1 2 3; do for o in $N $N,tmix $N,tmix32 $N,tmix128; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o  [$(date +%T.%N)]" >> $OUT/runs.txt
  timeout 100 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception" >> $OUT/runs.txt
done; done
echo done
