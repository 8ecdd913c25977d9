#!/bin/bash
# Ninth session, issue 5 (g63's runs again: its runs.txt did not come back): the new default (h64) against the previous default, three runs each, and the peer in the same call.
G=.carry/g
mkdir -p /tmp/j && { [ -x /tmp/j/jre/bin/java ] || tar -C /tmp/j -xJf $G/jre.tar.xz; }
set -f
export LD_PRELOAD=/tmp/j/jre/lib/libjsig.so
M=dev.longsight.kernels.bench.BenchMain
S="--device gpu --heads 8 --kv-heads 8 --head-dim 128 --block 128 --warmup 1 --repeats 5 --e2e-repeats 0"
F="grep -v -e WARNING: -e untested -e NestMembers -e AttributePool -e OpenJDK -e warning"
J="/tmp/j/jre/bin/java -Xmx100g -cp $G/*"
P=cpasync,db2,dfirst,dhalf,owarp,qgl,r32,stlds
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $OUT/runs.txt
for r in 1 2 3; do
  echo "\$ ./longsight bench $S --precision bf16 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16  [$(date +%T.%N)]" >> $OUT/runs.txt
  timeout 100 $J $M $S --precision bf16 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16 2>&1 | $F | grep -E "^longsight|# device|rror|xception" >> $OUT/runs.txt
  echo "\$ ./longsight bench $S --precision bf16 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16 -Dlongsight.mma.opts=$P  [$(date +%T.%N)]" >> $OUT/runs.txt
  timeout 100 $J -Dlongsight.mma.opts=$P $M $S --precision bf16 --patterns full,paper-sliding,paper-power --lengths 32768,131072 --check --check-rows 16 2>&1 | $F | grep -E "^longsight|# device|rror|xception" >> $OUT/runs.txt
done
timeout 200 python3 $G/flex_peer.py 32768,131072 bfloat16 > $OUT/peer.csv 2> /dev/null
echo done
