#!/usr/bin/env bash
# Submits `longsight run` with one setup's spark-defaults. Used by <setup>/submit.sh.
# SPARK_HOME must point at a Spark 4.1.x (Scala 2.13) distribution; its spark-submit adds the
# Java 17 --add-opens flags itself. The application jar is built by `mvn package`.
# LONGSIGHT_AUTH_SECRET_FILE (set by setups whose cluster cannot hand out a secret itself, i.e.
# standalone): spark.authenticate.secret is read from it into a private temporary properties file,
# so that the secret is in no committed file and on no command line (ps shows command lines).
set -euo pipefail
SETUP_DIR="$1"; shift
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="${LONGSIGHT_JAR:-$ROOT/job/target/longsight-job-0.1.0-app.jar}"
[[ "$JAR" == *://* || -f "$JAR" ]] || { echo "submit: no application jar at $JAR (run: mvn -B package -DskipTests)" >&2; exit 1; }
[[ -n "${SPARK_HOME:-}" ]] || { echo "submit: set SPARK_HOME to a Spark 4.1.x distribution" >&2; exit 1; }
PROPS="$SETUP_DIR/spark-defaults.conf"

if [[ -n "${LONGSIGHT_AUTH_SECRET_FILE:-}" ]]; then
  SECRET_FILE="$LONGSIGHT_AUTH_SECRET_FILE"
  MAKE="(umask 077; mkdir -p \"\$(dirname $SECRET_FILE)\"; openssl rand -base64 32 > $SECRET_FILE)"
  [[ -s "$SECRET_FILE" ]] || { echo "submit: no Spark authentication secret in $SECRET_FILE; create it with: $MAKE, and give the master and workers the same one" >&2; exit 2; }
  # ls rather than GNU find -perm or stat: submit hosts include macOS laptops.
  if [[ "$(ls -lL "$SECRET_FILE" | cut -c5-10)" != "------" ]]; then
    echo "submit: $SECRET_FILE is readable by others; run: chmod 600 $SECRET_FILE" >&2; exit 2
  fi
  umask 077
  MERGED="$(mktemp "${TMPDIR:-/tmp}/longsight-submit.XXXXXX")"
  trap 'rm -f "$MERGED"' EXIT
  cat "$PROPS" > "$MERGED"
  printf '\nspark.authenticate.secret %s\n' "$(tr -d '\n' < "$SECRET_FILE")" >> "$MERGED"
  PROPS="$MERGED"
fi

# A driver that times a unit (--dry-run) or runs in local mode uses the kernels too: preload libjsig
# from the Java that spark-submit will start (JAVA_HOME, else the java on the PATH).
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/java}"
JAVA_BIN="${JAVA_BIN:-$(command -v java || true)}"
if [[ -n "$JAVA_BIN" ]]; then
  JSIG="$(dirname "$(dirname "$(readlink -f "$JAVA_BIN")")")/lib/libjsig.so"
  [[ -f "$JSIG" ]] && export LD_PRELOAD="$JSIG${LD_PRELOAD:+:$LD_PRELOAD}"
fi

# Not exec: the temporary properties file is removed when spark-submit ends.
# shellcheck disable=SC2086
"$SPARK_HOME/bin/spark-submit" --properties-file "$PROPS" ${SPARK_SUBMIT_EXTRA:-} \
  --class dev.longsight.job.cli.LongSight "$JAR" run "$@"
