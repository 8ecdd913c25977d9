#!/bin/bash
# Finds NVIDIA's ptxas/cuobjdump (PyTorch's triton wheel ships them), compiles the OpenCL-built PTX for sm_90a and summarises the SASS.
G=.carry/g
B=/usr/local/cuda/bin
ls $B > $OUT/bin.txt 2>&1; which ptxas nvdisasm cuobjdump >> $OUT/bin.txt 2>&1
timeout 60 python3 $G/ptxinfo.py $G/bf16-w8.cl > $OUT/ptxinfo.txt 2>&1
P=$G/bf16-w8.cl.ptx
# the OpenCL binary is PTX text with a NUL at the end
tr -d '\000' < $P > /tmp/k.ptx; cp /tmp/k.ptx $OUT/bf16-w8.ptx
$B/ptxas -arch=sm_90a -v -o /tmp/k.cubin /tmp/k.ptx > $OUT/ptxas.txt 2>&1
$B/cuobjdump -sass /tmp/k.cubin > /tmp/k.sass 2>> $OUT/ptxas.txt || $B/nvdisasm /tmp/k.cubin > /tmp/k.sass 2>> $OUT/ptxas.txt
wc -l /tmp/k.sass >> $OUT/ptxas.txt
gzip -c /tmp/k.sass > $OUT/k.sass.gz
echo done
# instruction mix of the whole kernel (SASS opcodes)
grep -oE "^\s+/\*[0-9a-f]+\*/\s+[A-Z][A-Z0-9._]*" /tmp/k.sass | awk '{print $2}' | sed 's/\..*//' | sort | uniq -c | sort -rn | head -40 > $OUT/sassmix.txt
