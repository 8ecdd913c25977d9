#!/usr/bin/env bash
# Submits `longsight run` with one setup's spark-defaults. Used by <setup>/submit.sh.
# SPARK_HOME must point at a Spark 4.1.x (Scala 2.13) distribution; its spark-submit adds the
# Java 17 --add-opens flags itself. The application jar is built by `mvn package`.
set -euo pipefail
SETUP_DIR="$1"; shift
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${LONGSIGHT_JAR:-$ROOT/job/target/longsight-job-0.1.0-app.jar}"
[[ "$JAR" == *://* || -f "$JAR" ]] || { echo "submit: no application jar at $JAR (run: mvn -B package -DskipTests)" >&2; exit 1; }
[[ -n "${SPARK_HOME:-}" ]] || { echo "submit: set SPARK_HOME to a Spark 4.1.x distribution" >&2; exit 1; }
exec "$SPARK_HOME/bin/spark-submit" --properties-file "$SETUP_DIR/spark-defaults.conf" ${SPARK_SUBMIT_EXTRA:-} \
  --class dev.longsight.job.cli.LongSight "$JAR" run "$@"
