#!/usr/bin/env bash
# On the GPU host: unpacks the parts stage.sh made (spark-NN.tar, app.tar) that are in DIR into
# DEST, and the Java runtime once the app part is there. Parts may be unpacked in any order and over
# several calls; running it again is harmless.
set -euo pipefail
SRC="${1:?usage: unpack.sh DIR DEST}"
DEST="${2:?usage: unpack.sh DIR DEST}"
mkdir -p "$DEST"
for t in "$SRC"/spark-*.tar "$SRC"/app.tar; do [[ -e "$t" ]] && tar -C "$DEST" -xf "$t"; done
if [[ -f "$DEST/app/jre.tar.xz" && ! -x "$DEST/jre/bin/java" ]]; then tar -C "$DEST" -xJf "$DEST/app/jre.tar.xz"; fi
echo "$DEST: $(ls "$DEST/spark-home/jars" 2>/dev/null | wc -l) Spark jars; java: $([[ -x "$DEST/jre/bin/java" ]] && echo yes || echo no)"
