#!/bin/bash
# Q fragments in mma order (no moves in the key loop); dfirst against dfirst+persist; SASS loop statistics.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
B=cpasync,db2,owarp,r32,stlds,dfirst
mkdir -p /tmp/cl && rm -f /tmp/cl/* && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl dfirst=$B persist=$B,persist ptop=$B,persist,ptop
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py dfirst.cl persist.cl ptop.cl 2>&1 | grep -E "==|rror|Used|spill" | grep -v LS_CLOCK) > $OUT/ptxinfo.txt
for f in dfirst persist ptop; do
  tr -d "\000" < /tmp/cl/$f.cl.ptx > /tmp/cl/$f.ptx && /usr/local/cuda-13.0/bin/ptxas -arch=sm_90 /tmp/cl/$f.ptx -o /tmp/cl/$f.cubin && /usr/local/cuda-13.0/bin/cuobjdump -sass /tmp/cl/$f.cubin > /tmp/cl/$f.sass
done
python3 $G/sassloops.py /tmp/cl/dfirst.sass /tmp/cl/persist.sass /tmp/cl/ptop.sass >> $OUT/ptxinfo.txt 2>&1
set -f
A="--precision bf16 --patterns full;paper-power;paper-sliding --lengths 32768,131072 --check --check-rows 16"
for o in $B $B,persist $B,persist,ptop $B $B,persist $B,persist,ptop; do
  echo "\$ bench $S $A -Dlongsight.mma.opts=$o" >> $OUT/runs.txt
  timeout 200 $J -Dlongsight.mma.opts=$o $M $S $A 2>&1 | $F | grep -E "^longsight|rror|xception|# device" >> $OUT/runs.txt
done
echo done
