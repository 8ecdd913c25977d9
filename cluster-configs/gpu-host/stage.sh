#!/usr/bin/env bash
# Packs what a bare GPU host needs to run LongSight's Spark job. The GPU host has an NVIDIA driver
# with OpenCL but no Java and no Spark; run this on a build machine with Java 17 and Maven:
#   stage.sh spark OUT_DIR  -> OUT_DIR/spark-NN.tar: a minimal SPARK_HOME built from the Spark jars
#                              Maven resolved for this project (the versions the tests use), split
#                              into parts of at most PART_MB MiB (default 60) for transfer limits
#   stage.sh app OUT_DIR    -> OUT_DIR/app.tar: a Java runtime (jlink), the shaded application jar,
#                              cluster-configs/ and sample-data/
# Both copy unpack.sh into OUT_DIR. Copy OUT_DIR to the GPU host, then there:
#   bash OUT_DIR/unpack.sh OUT_DIR DEST
#   bash DEST/app/cluster-configs/gpu-host/standalone-gpu.sh DEST [longsight run options]
# Keep OUT_DIR outside the repository: it holds third-party jars and a Java runtime.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WHAT="${1:?usage: stage.sh spark|app OUT_DIR}"
OUT="${2:?usage: stage.sh spark|app OUT_DIR}"
PART_MB="${PART_MB:-60}"
mkdir -p "$OUT"
(cd "$ROOT" && mvn -B -q -DskipTests package)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

case "$WHAT" in
spark)
  rm -f "$OUT"/spark-*.tar
  mkdir -p "$work/spark-home/jars"
  # A RELEASE file makes Spark's launcher use $SPARK_HOME/jars as the classpath (standalone
  # workers start executors that way).
  echo "Spark $(basename "$(dirname "$(tr ':' '\n' < "$ROOT/job/target/local-classpath.txt" | grep spark-core)")") (jars from Maven, staged by LongSight)" \
    > "$work/spark-home/RELEASE"
  tr ':' '\n' < "$ROOT/job/target/local-classpath.txt" | while read -r jar; do
    case "$(basename "$jar")" in
      # Not needed on x86-64 Linux: RocksDB (disk-backed stores, off by default), natives for
      # other platforms, this project's jars (the app jar contains them).
      rocksdbjni-*|*-osx-*|*-aarch_64.jar|*-windows-*|longsight-*) ;;
      *) cp "$jar" "$work/spark-home/jars/" ;;
    esac
  done
  limit=$((PART_MB * 1024 * 1024)); part=0; size=0
  : > "$work/list-00"
  while read -r bytes path; do
    if (( size + bytes > limit && size > 0 )); then
      part=$((part + 1)); size=0
    fi
    echo "$path" >> "$work/list-$(printf %02d "$part")"; size=$((size + bytes))
  done < <(cd "$work" && find spark-home -type f -printf '%s %p\n' | sort -k2)
  for l in "$work"/list-*; do tar -C "$work" -cf "$OUT/spark-${l##*-}.tar" -T "$l"; done
  ;;
app)
  mkdir -p "$work/app"
  cp "$ROOT/job/target/longsight-job-0.1.0-app.jar" "$work/app/"
  cp -r "$ROOT/cluster-configs" "$ROOT/sample-data" "$work/app/"
  # A small runtime (jlink). Beyond java.se: Hadoop's login needs jdk.security.auth; Spark 4 starts executors with jdk.incubator.vector.
  jlink --add-modules java.se,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.security.auth,jdk.zipfs,jdk.incubator.vector \
        --strip-debug --no-header-files --no-man-pages --compress=2 --output "$work/jre"
  tar -C "$work" -cJf "$work/app/jre.tar.xz" jre
  tar -C "$work" -cf "$OUT/app.tar" app
  ;;
*) echo "usage: stage.sh spark|app OUT_DIR" >&2; exit 2 ;;
esac
cp "$ROOT/cluster-configs/gpu-host/unpack.sh" "$OUT/"
ls -la "$OUT"
