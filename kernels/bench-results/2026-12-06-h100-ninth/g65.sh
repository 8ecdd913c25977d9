#!/bin/bash
# MASK_MT refactor: the PTX of the default and the previous default, before (HEAD 49eb05f) and after, compared byte for byte.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
P=cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds
for v in old new; do
  if [ $v = old ]; then K=$G/old/longsight-kernels-0.1.0.jar; else K=$G/longsight-kernels-0.1.0.jar; fi
  mkdir -p /tmp/cl$v && rm -f /tmp/cl$v/*
  /tmp/j/jre/bin/java -cp "$K:$G/aparapi-3.0.2.jar:$G/bcel-6.5.0.jar:$G/aparapi-jni-1.4.3.jar:$G/helpers.jar" dev.longsight.kernels.attention.DumpOpts /tmp/cl$v default=$P,h64 previous=$P 2>&1 | tail -2
  (cd /tmp/cl$v && timeout 200 python3 $OLDPWD/$G/ptxinfo.py default.cl previous.cl 2>&1 | grep -E "==|rror|Used|spill") >> $OUT/ptx.txt
  for f in default previous; do tr -d "\000" < /tmp/cl$v/$f.cl.ptx | grep -v -e "^//" -e "\.file" -e "\.loc" > /tmp/cl$v/$f.ptx; done
done
for f in default previous; do echo "== $f: $(wc -l < /tmp/clold/$f.ptx) lines old, $(wc -l < /tmp/clnew/$f.ptx) new; diff lines: $(diff /tmp/clold/$f.ptx /tmp/clnew/$f.ptx | wc -l)" >> $OUT/ptx.txt; done
diff /tmp/clold/default.ptx /tmp/clnew/default.ptx | head -40 >> $OUT/ptx.txt
echo done
