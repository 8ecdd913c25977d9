#!/usr/bin/env bash
# Runs `longsight run` on a one-host Spark standalone cluster bound to 127.0.0.1: a master, one
# worker offering the host's GPUs through cluster-configs/common/getGpusResources.sh, and the
# application submitted with one GPU per executor and per task (cluster-configs/standalone).
# Everything comes from a directory unpack.sh filled (no Spark or Java install needed).
#
#   standalone-gpu.sh STAGE_DIR [longsight run options...]
# Environment: EXECUTOR_CORES (4), EXECUTOR_MEMORY_GB (24), LOG_DIR (/tmp/longsight-standalone);
# ALLOW_NO_GPU=1 runs the same cluster without GPU scheduling on a host without GPUs.
set -euo pipefail
D="$(cd "${1:?usage: standalone-gpu.sh STAGE_DIR [run options]}" && pwd)"; shift
export JAVA_HOME="$D/jre" SPARK_HOME="$D/spark-home" PATH="$D/jre/bin:$PATH"
export SPARK_LOCAL_IP=127.0.0.1 CUDA_DEVICE_ORDER=PCI_BUS_ID
# Spark's launcher (which the worker uses to start executors) looks for build directories unless told the Scala version.
export SPARK_SCALA_VERSION=2.13
# NVIDIA's OpenCL driver replaces the JVM's SIGSEGV handler; libjsig chains them (kernels/BENCHMARKS.md).
JSIG="$JAVA_HOME/lib/libjsig.so"
CONF="$D/app/cluster-configs"
DISCOVERY="$CONF/common/getGpusResources.sh"
LOG="${LOG_DIR:-/tmp/longsight-standalone}"; mkdir -p "$LOG"
FLAGS=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
NGPU=$(bash "$DISCOVERY" | { grep -o '"[0-9][0-9]*"' || true; } | wc -l)
GPU_WORKER=() GPU_APP=() PROPS="$CONF/standalone/spark-defaults.conf"
if (( NGPU > 0 )); then
  GPU_WORKER=(-Dspark.worker.resource.gpu.amount="$NGPU" -Dspark.worker.resource.gpu.discoveryScript="$DISCOVERY")
  GPU_APP=(--conf spark.executor.resource.gpu.amount=1 --conf spark.task.resource.gpu.amount=1
           --conf spark.executor.resource.gpu.discoveryScript="$DISCOVERY")
elif [[ "${ALLOW_NO_GPU:-0}" == 1 ]]; then
  # A CPU rehearsal of the same cluster (CI-like hosts): no GPU scheduling, the run's --device decides.
  NGPU=1 PROPS="$CONF/local/spark-defaults.conf"
  echo "standalone-gpu: no GPU found; ALLOW_NO_GPU=1: running without GPU scheduling" >&2
else
  echo "standalone-gpu: the discovery script found no GPU: $(bash "$DISCOVERY") (ALLOW_NO_GPU=1 rehearses on the CPU)" >&2; exit 1
fi
CORES=$(( ${EXECUTOR_CORES:-4} * NGPU ))
# Master, worker and application share a secret made for this run only; it goes into a private
# properties file, never onto a command line. The application's file is the setup's plus the
# daemons' (the CPU rehearsal's local settings have no security of their own).
SECRETS="$LOG/secrets"; rm -rf "$SECRETS"; (umask 077; mkdir -p "$SECRETS")
trap 'rm -rf "$SECRETS"' EXIT
SECRET="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
DAEMON_PROPS="$SECRETS/daemons.conf" APP_PROPS="$SECRETS/app.conf"
(umask 077
 # The master's REST submission server cannot authenticate: Spark refuses to start it with a secret.
 printf 'spark.authenticate true\nspark.authenticate.secret %s\nspark.network.crypto.enabled true\nspark.ui.reverseProxy true\nspark.master.rest.enabled false\n' \
   "$SECRET" > "$DAEMON_PROPS"
 { cat "$PROPS"; echo; cat "$DAEMON_PROPS"; } > "$APP_PROPS")
unset SECRET

wait_for() { # wait_for FILE PATTERN SECONDS
  for ((i = 0; i < $3 * 10; i++)); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "standalone-gpu: '$2' not seen in $1 within $3 s" >&2; tail -20 "$1" >&2; return 1
}

java "${FLAGS[@]}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
  --properties-file "$DAEMON_PROPS" --host 127.0.0.1 --port 7077 --webui-port 8080 > "$LOG/master.log" 2>&1 &
MASTER=$! WORKER=""
trap 'kill $WORKER $MASTER 2>/dev/null || true; rm -rf "$SECRETS"' EXIT
wait_for "$LOG/master.log" "I have been elected leader" 60
java "${FLAGS[@]}" -cp "$SPARK_HOME/jars/*" "${GPU_WORKER[@]}" org.apache.spark.deploy.worker.Worker --properties-file "$DAEMON_PROPS" --host 127.0.0.1 --cores "$CORES" --memory "$(( ${EXECUTOR_MEMORY_GB:-24} * NGPU ))g" \
  --work-dir "$LOG/work" spark://127.0.0.1:7077 > "$LOG/worker.log" 2>&1 &
WORKER=$!
wait_for "$LOG/worker.log" "Successfully registered with master" 60
echo "standalone-gpu: master and worker up on 127.0.0.1; worker resources: $(bash "$DISCOVERY")"

cd "$D/app" # the default --input (sample-data/) is relative
LD_PRELOAD="$JSIG" java "${FLAGS[@]}" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
  --master spark://127.0.0.1:7077 --properties-file "$APP_PROPS" \
  "${GPU_APP[@]}" \
  --conf spark.executorEnv.LD_PRELOAD="$JSIG" \
  --conf spark.executorEnv.JAVA_HOME="$JAVA_HOME" \
  --conf spark.executor.cores="${EXECUTOR_CORES:-4}" --conf spark.task.cpus="${EXECUTOR_CORES:-4}" \
  --conf spark.executor.memory="${EXECUTOR_MEMORY_GB:-24}g" \
  --conf "spark.executor.extraJavaOptions=${FLAGS[*]}" \
  --driver-java-options "-Dlog4j2.configurationFile=$CONF/local/log4j2.properties" \
  --class dev.longsight.job.cli.LongSight "$D/app/longsight-job-0.1.0-app.jar" run "$@"
