#!/bin/bash
# The default bf16 kernel (db2, owarp) on the GPU with chunked launches (qStart > 0): every row against the
# exact reference, chunked results bit for bit against one whole launch; odd lengths, GQA, head dims, large scores.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
for args in "5000 6 2 128 1 512 1024" "5000 6 2 128 8 384" "4097 4 4 64 1 256 640" "3001 6 3 17 4 128 1152" "129 2 1 100 1 128"; do
  echo "\$ ChunkCheck $args" >> $OUT/chunks.txt
  timeout 200 $J dev.longsight.kernels.bench.ChunkCheck $args 2>&1 | grep -v -e WARNING: -e NestMembers -e AttributePool -e warning >> $OUT/chunks.txt
  echo "rc=${PIPESTATUS[0]}" >> $OUT/chunks.txt
done
echo done
