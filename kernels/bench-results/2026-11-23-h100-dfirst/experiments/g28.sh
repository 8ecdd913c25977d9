#!/bin/bash
# ptxas -v of dfirst and persist; where are the spills (SASS, if a disassembler is on the machine).
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
B=cpasync,db2,owarp,r32,stlds,dfirst
mkdir -p /tmp/cl && $J dev.longsight.kernels.attention.DumpOpts /tmp/cl dfirst=$B persist=$B,persist
set +f
(cd /tmp/cl && timeout 200 python3 $OLDPWD/$G/ptxinfo.py dfirst.cl persist.cl 2>&1 | grep -E "==|rror|Used|spill") > $OUT/ptxinfo.txt
head -c 300 /tmp/cl/dfirst.cl.ptx > $OUT/ptxhead.txt
find / -xdev \( -name nvdisasm -o -name cuobjdump -o -name ptxas \) -type f 2>/dev/null | head > $OUT/tools.txt
PTXAS=$(grep '/ptxas$' $OUT/tools.txt | head -1); DIS=$(grep -E '/(nvdisasm|cuobjdump)$' $OUT/tools.txt | head -1)
echo "ptxas=$PTXAS dis=$DIS" >> $OUT/tools.txt
if [ -n "$PTXAS" ]; then
  for f in dfirst persist; do
    tr -d "\000" < /tmp/cl/$f.cl.ptx > /tmp/cl/$f.ptx; $PTXAS -arch=sm_90 -v /tmp/cl/$f.ptx -o /tmp/cl/$f.cubin >> $OUT/tools.txt 2>&1
    if [ -n "$DIS" ]; then
      case "$DIS" in *nvdisasm) $DIS -c /tmp/cl/$f.cubin > /tmp/cl/$f.sass 2>&1;; *) $DIS -sass /tmp/cl/$f.cubin > /tmp/cl/$f.sass 2>&1;; esac
      grep -c . /tmp/cl/$f.sass >> $OUT/tools.txt
      xz -9 -c /tmp/cl/$f.sass > $OUT/$f.sass.xz
    fi
  done
fi
echo done
